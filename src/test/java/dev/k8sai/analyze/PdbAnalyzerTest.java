package dev.k8sai.analyze;

import static dev.k8sai.analyze.WorkloadTestSnapshots.load;
import static dev.k8sai.analyze.WorkloadTestSnapshots.only;
import static dev.k8sai.analyze.WorkloadTestSnapshots.reasonsByName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PdbAnalyzerTest {

    private final PdbAnalyzer analyzer = new PdbAnalyzer();

    private List<Finding> analyzeAll() {
        return analyzer.analyze(load("autoscaling.yaml", analyzer.needs()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            web-strict        | BlocksEviction
            web-relaxed       | -
            api-by-expression | -
            ghost             | SelectorMatchesNoPods
            """)
    void eachPdbGetsExactlyItsReason(String name, String reason) {
        Map<String, Set<String>> byName = reasonsByName(analyzeAll());
        if (reason == null) {
            assertThat(byName).doesNotContainKey(name);
        } else {
            assertThat(byName.get(name)).containsExactly(reason);
        }
    }

    @Test
    void messagesAndSeverities() {
        List<Finding> all = analyzeAll();
        Finding strict = only(all, "web-strict", "BlocksEviction");
        assertThat(strict.severity()).isEqualTo(Severity.WARNING);
        assertThat(strict.message()).isEqualTo("allows 0 disruptions: 2 of 2 expected pods healthy and 2 required "
                + "(minAvailable 2), so evictions and node drains block");
        assertThat(strict.evidence()).isEmpty(); // Normal events are not evidence
        Finding ghost = only(all, "ghost", "SelectorMatchesNoPods");
        assertThat(ghost.severity()).isEqualTo(Severity.WARNING);
        assertThat(ghost.message()).isEqualTo("selector app=ghost matches no pod in namespace shop");
    }

    @Test
    void expressionWithoutOperatorDoesNotCrash() {
        // a hand-edited snapshot: matchExpressions entry without operator (matches nothing)
        PodDisruptionBudget broken = new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("no-operator").withNamespace("shop").endMetadata()
                .withNewSpec().withNewSelector().addNewMatchExpression().withKey("tier").withValues("web").endMatchExpression()
                .endSelector().endSpec().build();
        var snapshot = dev.k8sai.cluster.ClusterSnapshot.builder("t", WorkloadTestSnapshots.NOW)
                .collected(PodDisruptionBudget.class).collected(io.fabric8.kubernetes.api.model.Pod.class).add(broken).build();
        assertThat(analyzer.analyze(snapshot)).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("SelectorMatchesNoPods"));
    }

    @Test
    void selectorCheckNeedsCollectedPods() {
        assertThat(analyzer.analyze(load("autoscaling.yaml", Set.of(PodDisruptionBudget.class, Event.class))))
                .extracting(Finding::reason).containsOnly("BlocksEviction");
    }
}
