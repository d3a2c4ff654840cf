package dev.k8sai.analyze;

import static dev.k8sai.analyze.WorkloadTestSnapshots.load;
import static dev.k8sai.analyze.WorkloadTestSnapshots.only;
import static dev.k8sai.analyze.WorkloadTestSnapshots.reasonsByName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatefulSetAnalyzerTest {

    private final StatefulSetAnalyzer analyzer = new StatefulSetAnalyzer();

    private List<Finding> analyzeAll() {
        return analyzer.analyze(load("controllers.yaml", analyzer.needs()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            db    | ReplicasUnavailable,ServiceNotFound,StorageClassNotFound
            queue | ReplicasUnavailable
            cache | -
            """)
    void eachStatefulSetGetsExactlyItsReasons(String name, String reasons) {
        Map<String, Set<String>> byName = reasonsByName(analyzeAll());
        if (reasons == null) {
            assertThat(byName).doesNotContainKey(name);
        } else {
            assertThat(byName.get(name)).containsExactlyInAnyOrder(reasons.split(","));
        }
    }

    @Test
    void severitiesMessagesAndEvidence() {
        List<Finding> all = analyzeAll();
        Finding partial = only(all, "db", "ReplicasUnavailable");
        assertThat(partial.severity()).isEqualTo(Severity.WARNING);
        assertThat(partial.message()).isEqualTo("1 of 3 desired replicas ready");
        assertThat(partial.evidence()).singleElement().asString().contains("storageclass.storage.k8s.io \"fast-ssd\" not found");
        assertThat(only(all, "queue", "ReplicasUnavailable").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(only(all, "db", "ServiceNotFound").severity()).isEqualTo(Severity.WARNING);
        assertThat(only(all, "db", "ServiceNotFound").message()).startsWith("governing Service db-headless does not exist");
        Finding sc = only(all, "db", "StorageClassNotFound");
        assertThat(sc.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(sc.message()).isEqualTo("volumeClaimTemplate data names StorageClass fast-ssd, which does not exist");
    }

    @Test
    void silentAboutServicesAndStorageClassesNotCollected() {
        List<Finding> findings = analyzer.analyze(load("controllers.yaml", Set.of(StatefulSet.class, Event.class)));
        assertThat(findings).extracting(Finding::reason).containsOnly("ReplicasUnavailable");
    }
}
