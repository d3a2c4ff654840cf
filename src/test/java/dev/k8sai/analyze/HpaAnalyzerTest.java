package dev.k8sai.analyze;

import static dev.k8sai.analyze.WorkloadTestSnapshots.load;
import static dev.k8sai.analyze.WorkloadTestSnapshots.only;
import static dev.k8sai.analyze.WorkloadTestSnapshots.reasonsByName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HpaAnalyzerTest {

    private final HpaAnalyzer analyzer = new HpaAnalyzer();

    private List<Finding> analyzeAll() {
        return analyzer.analyze(load("autoscaling.yaml", analyzer.needs()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            web          | -
            ghost        | ScaleTargetNotFound
            api          | MissingResourceRequests
            api-by-value | -
            web-maxed    | AtMaxReplicas
            cache        | UnableToScale
            rollout      | -
            worker       | -
            """)
    void eachHpaGetsExactlyItsReason(String name, String reason) {
        Map<String, Set<String>> byName = reasonsByName(analyzeAll());
        if (reason == null) {
            assertThat(byName).doesNotContainKey(name);
        } else {
            assertThat(byName.get(name)).containsExactly(reason);
        }
    }

    @Test
    void messagesSeveritiesAndEvidence() {
        List<Finding> all = analyzeAll();
        Finding ghost = only(all, "ghost", "ScaleTargetNotFound");
        assertThat(ghost.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(ghost.kind()).isEqualTo("HorizontalPodAutoscaler");
        assertThat(ghost.message()).isEqualTo("scale target Deployment ghost does not exist");
        assertThat(ghost.evidence()).containsExactly("event FailedGetScale x40: deployments/scale.apps \"ghost\" not found");
        Finding api = only(all, "api", "MissingResourceRequests");
        assertThat(api.severity()).isEqualTo(Severity.WARNING);
        assertThat(api.message()).isEqualTo("cpu utilization is targeted but container api of Deployment api requests no cpu");
        Finding cache = only(all, "cache", "UnableToScale");
        assertThat(cache.severity()).isEqualTo(Severity.WARNING);
        assertThat(cache.message()).startsWith("cannot scale: ScalingActive=False (FailedGetExternalMetric): "
                + "the HPA was unable to compute the replica count: unable to get external metric");
        Finding maxed = only(all, "web-maxed", "AtMaxReplicas");
        assertThat(maxed.severity()).isEqualTo(Severity.INFO);
        assertThat(maxed.message()).isEqualTo("running at its maximum of 3 replicas (desired 3)");
    }

    @Test
    void targetsOfUncollectedKindsAreNotJudged() {
        List<Finding> findings = analyzer.analyze(load("autoscaling.yaml", Set.of(HorizontalPodAutoscaler.class, Event.class)));
        // without Deployments the target cannot be judged: the controller's own conditions speak instead
        assertThat(reasonsByName(findings)).containsOnlyKeys("ghost", "api", "web-maxed", "cache");
        assertThat(reasonsByName(findings).get("ghost")).containsExactly("UnableToScale");
        assertThat(reasonsByName(findings).get("api")).containsExactly("UnableToScale");
    }
}
