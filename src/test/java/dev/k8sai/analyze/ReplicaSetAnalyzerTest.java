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

class ReplicaSetAnalyzerTest {

    private final ReplicaSetAnalyzer analyzer = new ReplicaSetAnalyzer();

    private List<Finding> analyzeAll() {
        return analyzer.analyze(load("controllers.yaml", analyzer.needs()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            web-quota-6d4f | ReplicaFailure
            standalone     | ReplicaFailure
            web-quota-51aa | -
            web-zero-9b1c  | -
            web-ok-77c4    | -
            """)
    void eachReplicaSetGetsExactlyItsReason(String name, String reason) {
        Map<String, Set<String>> byName = reasonsByName(analyzeAll());
        if (reason == null) {
            assertThat(byName).doesNotContainKey(name);
        } else {
            assertThat(byName.get(name)).containsExactly(reason);
        }
    }

    @Test
    void quotesTheQuotaMessageWithParentAndEvent() {
        Finding f = only(analyzeAll(), "web-quota-6d4f", "ReplicaFailure");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.message()).isEqualTo("cannot create pods (FailedCreate): pods \"web-quota-6d4f-7xk2p\" is forbidden: "
                + "exceeded quota: compute, requested: requests.cpu=2, used: requests.cpu=8, limited: requests.cpu=8");
        assertThat(f.parent()).isEqualTo("Deployment/shop/web-quota");
        assertThat(f.evidence()).singleElement().asString()
                .startsWith("event FailedCreate x14: Error creating: pods \"web-quota-6d4f-7xk2p\" is forbidden");
        assertThat(only(analyzeAll(), "standalone", "ReplicaFailure").parent()).isNull();
    }
}
