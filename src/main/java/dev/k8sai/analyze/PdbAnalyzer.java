package dev.k8sai.analyze;

import static dev.k8sai.analyze.WorkloadSupport.orZero;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PodDisruptionBudget (policy/v1) checks: {@code BlocksEviction} when status.disruptionsAllowed is 0
 * while expectedPods &gt; 0 (a drain would hang), and {@code SelectorMatchesNoPods} when pods were
 * collected and the selector matches none in the namespace (policy/v1: a null selector matches no
 * pod, an empty one every pod).
 */
public final class PdbAnalyzer implements Analyzer {

    static final String NAME = "pdb";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(PodDisruptionBudget.class, Pod.class, Event.class);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> result = new ArrayList<>();
        for (PodDisruptionBudget pdb : snapshot.list(PodDisruptionBudget.class)) {
            try {
                PodDisruptionBudgetStatus s = pdb.getStatus();
                if (s != null && orZero(s.getDisruptionsAllowed()) == 0 && orZero(s.getExpectedPods()) > 0) {
                    result.add(WorkloadSupport.finding(NAME, snapshot, pdb, Severity.WARNING, "BlocksEviction",
                            "allows 0 disruptions: " + orZero(s.getCurrentHealthy()) + " of " + s.getExpectedPods()
                                    + " expected pods healthy and " + orZero(s.getDesiredHealthy()) + " required" + budget(pdb)
                                    + ", so evictions and node drains block"));
                }
                LabelSelector selector = pdb.getSpec() == null ? null : pdb.getSpec().getSelector();
                if (snapshot.unjudged(Pod.class, ClusterSnapshot.namespaceOrNull(pdb)) == null && snapshot.list(Pod.class, ClusterSnapshot.namespaceOrNull(pdb)).stream()
                        .noneMatch(p -> WorkloadSupport.matches(selector, p.getMetadata().getLabels()))) {
                    result.add(WorkloadSupport.finding(NAME, snapshot, pdb, Severity.WARNING, "SelectorMatchesNoPods",
                            "selector " + describe(selector) + " matches no pod in namespace " + pdb.getMetadata().getNamespace()));
                }
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return result;
    }

    private static String budget(PodDisruptionBudget pdb) {
        if (pdb.getSpec() == null) {
            return "";
        }
        if (pdb.getSpec().getMinAvailable() != null) {
            return " (minAvailable " + value(pdb.getSpec().getMinAvailable()) + ")";
        }
        if (pdb.getSpec().getMaxUnavailable() != null) {
            return " (maxUnavailable " + value(pdb.getSpec().getMaxUnavailable()) + ")";
        }
        return "";
    }

    private static String value(IntOrString v) {
        return v.getIntVal() != null ? v.getIntVal().toString() : v.getStrVal();
    }

    /** kubectl-style selector text: "app=web,tier in (a,b)". */
    static String describe(LabelSelector selector) {
        if (selector == null) {
            return "(none)";
        }
        List<String> parts = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            selector.getMatchLabels().forEach((k, v) -> parts.add(k + "=" + v));
        }
        if (selector.getMatchExpressions() != null) {
            selector.getMatchExpressions().forEach(e -> {
                String operator = e.getOperator() == null ? "" : e.getOperator(); // malformed, but must not crash
                parts.add(switch (operator) {
                    case "Exists" -> e.getKey();
                    case "DoesNotExist" -> "!" + e.getKey();
                    default -> e.getKey() + " " + operator.toLowerCase(java.util.Locale.ROOT)
                            + " (" + String.join(",", e.getValues() == null ? List.of() : e.getValues()) + ")";
                });
            });
        }
        return parts.isEmpty() ? "{} (every pod)" : String.join(",", parts);
    }
}
