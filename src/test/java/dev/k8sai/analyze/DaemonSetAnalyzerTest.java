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

class DaemonSetAnalyzerTest {

    private final DaemonSetAnalyzer analyzer = new DaemonSetAnalyzer();

    private List<Finding> analyzeAll() {
        return analyzer.analyze(load("controllers.yaml", analyzer.needs()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            node-exporter | ReplicasUnavailable
            log-agent     | ReplicasUnavailable
            csi-node      | -
            gpu-plugin    | ReplicasUnavailable
            """)
    void eachDaemonSetGetsExactlyItsReason(String name, String reason) {
        Map<String, Set<String>> byName = reasonsByName(analyzeAll());
        if (reason == null) {
            assertThat(byName).doesNotContainKey(name);
        } else {
            assertThat(byName.get(name)).containsExactly(reason);
        }
    }

    @Test
    void messagesCarryCounts() {
        List<Finding> all = analyzeAll();
        Finding unavailable = only(all, "node-exporter", "ReplicasUnavailable");
        assertThat(unavailable.severity()).isEqualTo(Severity.WARNING);
        assertThat(unavailable.message()).isEqualTo("2 of 5 desired pods unavailable");
        assertThat(only(all, "log-agent", "ReplicasUnavailable").message())
                .isEqualTo("1 pods running on nodes where they should not");
        // numberUnavailable is optional in the API; the scheduling gap alone is reported
        assertThat(only(all, "gpu-plugin", "ReplicasUnavailable").message())
                .isEqualTo("1 of 3 eligible nodes have no pod scheduled");
    }
}
