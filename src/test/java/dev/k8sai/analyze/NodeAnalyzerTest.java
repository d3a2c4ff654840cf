package dev.k8sai.analyze;

import static dev.k8sai.analyze.NetTestSnapshots.about;
import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeAnalyzerTest {

    private final NodeAnalyzer analyzer = new NodeAnalyzer();
    private final List<Finding> findings = analyzer.analyze(NetTestSnapshots.snapshot(analyzer, "nodes.yaml"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "worker-2 | NodeNotReady   | CRITICAL | Ready is Unknown for 40m (NodeStatusUnknown: Kubelet stopped posting node status.).",
            "worker-3 | MemoryPressure | WARNING  | MemoryPressure is True for 5m (KubeletHasInsufficientMemory: kubelet has insufficient memory available).",
            "worker-3 | DiskPressure   | WARNING  | DiskPressure is True for 2h (KubeletHasDiskPressure: kubelet has disk pressure).",
            "worker-4 | NodeCordoned   | INFO     | node is cordoned (spec.unschedulable=true): no new pods are scheduled on it.",
    })
    void eachReasonFiresOnTheBrokenNode(String name, String reason, Severity severity, String message) {
        assertThat(about(findings, name)).filteredOn(f -> f.reason().equals(reason)).singleElement().satisfies(f -> {
            assertThat(f.analyzer()).isEqualTo("node");
            assertThat(f.kind()).isEqualTo("Node");
            assertThat(f.namespace()).isNull();
            assertThat(f.parent()).isNull();
            assertThat(f.severity()).isEqualTo(severity);
            assertThat(f.message()).isEqualTo(message);
        });
    }

    @Test
    void healthyNodeAndUnknownPressureYieldNothing() {
        assertThat(about(findings, "worker-1")).isEmpty();
        // worker-2's MemoryPressure is Unknown, not True: the NotReady finding already covers it.
        assertThat(about(findings, "worker-2")).extracting(Finding::reason).containsExactly("NodeNotReady");
        assertThat(findings).hasSize(4);
    }

    @Test
    void evidenceCarriesWarningEventsOfTheNode() {
        assertThat(about(findings, "worker-3")).allSatisfy(f ->
                assertThat(f.evidence()).containsExactly("event EvictionThresholdMet x4: Attempting to reclaim memory"));
    }
}
