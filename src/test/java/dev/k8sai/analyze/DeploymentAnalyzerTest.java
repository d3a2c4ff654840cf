package dev.k8sai.analyze;

import static dev.k8sai.analyze.WorkloadTestSnapshots.load;
import static dev.k8sai.analyze.WorkloadTestSnapshots.only;
import static dev.k8sai.analyze.WorkloadTestSnapshots.reasonsByName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeploymentAnalyzerTest {

    private final DeploymentAnalyzer analyzer = new DeploymentAnalyzer();

    private List<Finding> analyzeAll() {
        return analyzer.analyze(load("controllers.yaml", analyzer.needs()));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            web-down    | ReplicasUnavailable      | critical
            web-partial | ReplicasUnavailable      | warning
            web-stalled | ProgressDeadlineExceeded | critical
            web-quota   | ReplicasUnavailable      | critical
            web-ok      | -                        | -
            web-zero    | -                        | -
            web-rolling | -                        | -
            web-rolling-down | ReplicasUnavailable | critical
            """)
    void eachDeploymentGetsExactlyItsReason(String name, String reason, String severity) {
        Map<String, Set<String>> byName = reasonsByName(analyzeAll());
        if (reason == null) {
            assertThat(byName).doesNotContainKey(name);
        } else {
            assertThat(byName.get(name)).containsExactly(reason);
            assertThat(only(analyzeAll(), name, reason).severity()).isEqualTo(Severity.fromWire(severity));
        }
    }

    @Test
    void messagesCarryCounts() {
        List<Finding> all = analyzeAll();
        assertThat(only(all, "web-down", "ReplicasUnavailable").message())
                .isEqualTo("0 of 3 desired replicas available (0 ready, 3 up to date)");
        assertThat(only(all, "web-partial", "ReplicasUnavailable").message())
                .isEqualTo("2 of 3 desired replicas available (2 ready, 3 up to date)");
        Finding stalled = only(all, "web-stalled", "ProgressDeadlineExceeded");
        assertThat(stalled.message()).isEqualTo(
                "rollout stalled past its 300s progress deadline: ReplicaSet \"web-stalled-5f6b\" has timed out progressing.");
        assertThat(stalled.parent()).isNull();
        assertThat(stalled.kind()).isEqualTo("Deployment");
    }
}
