package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * NetworkPolicies that open everything or select nothing.
 *
 * <p>AllowsAllTraffic means: an empty podSelector (every pod in the namespace) with an ingress rule
 * that has neither {@code from} nor {@code ports}, or an egress rule with neither {@code to} nor
 * {@code ports}, in a direction the policy governs. Such a rule makes every other policy on those
 * pods moot for that direction. Rules that open wide through peers (e.g. {@code namespaceSelector: {}}
 * or {@code 0.0.0.0/0}) are deliberate-looking and not reported.
 */
public final class NetworkPolicyAnalyzer implements Analyzer {

    static final String NAME = "networkpolicy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(NetworkPolicy.class, Pod.class, Event.class);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> findings = new ArrayList<>();
        for (NetworkPolicy policy : snapshot.list(NetworkPolicy.class)) {
            try {
                NetworkPolicySpec spec = policy.getSpec();
                if (spec == null) {
                    continue;
                }
                String namespace = policy.getMetadata().getNamespace();
                // A missing podSelector is serialized as {} by the API server: both select every pod.
                if (spec.getPodSelector() == null || LabelSelectors.isEmpty(spec.getPodSelector())) {
                    List<String> open = openRules(spec);
                    if (!open.isEmpty()) {
                        findings.add(finding(snapshot, policy, Severity.WARNING, "AllowsAllTraffic",
                                "its empty podSelector selects every pod in namespace " + namespace + " and "
                                        + String.join(" and ", open) + "."));
                    }
                } else if (snapshot.unjudged(Pod.class, namespace) == null) {
                    boolean any = snapshot.list(Pod.class, namespace).stream()
                            .anyMatch(p -> LabelSelectors.matches(spec.getPodSelector(), p.getMetadata().getLabels()));
                    if (!any) {
                        findings.add(finding(snapshot, policy, Severity.INFO, "SelectorMatchesNoPods",
                                "podSelector " + LabelSelectors.describe(spec.getPodSelector()) + " matches no pod in namespace "
                                        + namespace + ", so the policy has no effect."));
                    }
                }
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return findings;
    }

    /** "ingress rule 1 allows all sources on all ports" for each wide-open rule in a governed direction. */
    private static List<String> openRules(NetworkPolicySpec spec) {
        List<NetworkPolicyIngressRule> ingress = spec.getIngress() == null ? List.of() : spec.getIngress();
        List<NetworkPolicyEgressRule> egress = spec.getEgress() == null ? List.of() : spec.getEgress();
        List<String> types = spec.getPolicyTypes();
        // API default when policyTypes is unset: Ingress always, Egress only if egress rules exist.
        boolean governsIngress = types == null || types.isEmpty() || types.contains("Ingress");
        boolean governsEgress = types == null || types.isEmpty() ? !egress.isEmpty() : types.contains("Egress");
        List<String> open = new ArrayList<>();
        if (governsIngress) {
            for (int i = 0; i < ingress.size(); i++) {
                if (isEmpty(ingress.get(i).getFrom()) && isEmpty(ingress.get(i).getPorts())) {
                    open.add("ingress rule " + (i + 1) + " allows all sources on all ports");
                    break;
                }
            }
        }
        if (governsEgress) {
            for (int i = 0; i < egress.size(); i++) {
                if (isEmpty(egress.get(i).getTo()) && isEmpty(egress.get(i).getPorts())) {
                    open.add("egress rule " + (i + 1) + " allows all destinations on all ports");
                    break;
                }
            }
        }
        return open;
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    private static Finding finding(ClusterSnapshot snapshot, NetworkPolicy policy, Severity severity, String reason, String message) {
        return NetFindings.of(snapshot, NAME, "NetworkPolicy", policy, severity, reason, message);
    }
}
