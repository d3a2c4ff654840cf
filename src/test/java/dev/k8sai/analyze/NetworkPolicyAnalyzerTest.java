package dev.k8sai.analyze;

import static dev.k8sai.analyze.NetTestSnapshots.about;
import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkPolicyAnalyzerTest {

    private final NetworkPolicyAnalyzer analyzer = new NetworkPolicyAnalyzer();
    private final List<Finding> findings = analyzer.analyze(NetTestSnapshots.snapshot(analyzer, "networkpolicies.yaml"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "allow-all | AllowsAllTraffic      | WARNING | its empty podSelector selects every pod in namespace shop and ingress rule 1 allows all sources on all ports and egress rule 2 allows all destinations on all ports.",
            "legacy    | SelectorMatchesNoPods | INFO    | podSelector app in (legacy-api),!canary matches no pod in namespace shop, so the policy has no effect.",
    })
    void eachReasonFiresOnTheBrokenPolicy(String name, String reason, Severity severity, String message) {
        assertThat(about(findings, name)).singleElement().satisfies(f -> {
            assertThat(f.analyzer()).isEqualTo("networkpolicy");
            assertThat(f.kind()).isEqualTo("NetworkPolicy");
            assertThat(f.namespace()).isEqualTo("shop");
            assertThat(f.reason()).isEqualTo(reason);
            assertThat(f.severity()).isEqualTo(severity);
            assertThat(f.message()).isEqualTo(message);
        });
    }

    @Test
    void healthyTwinsYieldNothing() {
        assertThat(about(findings, "default-deny")).as("deny-all has no rules").isEmpty();
        assertThat(about(findings, "web-from-ingress")).as("matchLabels + In expression match web").isEmpty();
        assertThat(about(findings, "egress-not-governed")).as("open egress rule in an Ingress-only policy").isEmpty();
        assertThat(findings).hasSize(2);
    }

    @Test
    void selectorCheckStaysSilentWhenPodsWereNotCollected() {
        assertThat(analyzer.analyze(NetTestSnapshots.snapshotWithout(analyzer, "networkpolicies.yaml", Pod.class)))
                .extracting(Finding::reason).containsExactly("AllowsAllTraffic");
    }
}
