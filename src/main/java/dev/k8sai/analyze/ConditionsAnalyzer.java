package dev.k8sai.analyze;

import dev.k8sai.analyze.CustomFields.Condition;
import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.cluster.ResourceKind;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Any custom resource that reports itself unhealthy through the usual status conventions, with no
 * per-project code: {@code Ready}/{@code Available}/{@code Synced}/{@code Healthy} False, or
 * {@code Degraded}/{@code Stalled} True, or an Argo CD style {@code status.health.status: Degraded}.
 * One {@code ConditionFailed} finding per object: critical when Ready or Available is False (the
 * thing is not usable), warning otherwise; every failing condition is quoted.
 *
 * <p>Reads every custom kind in the snapshot except those of groups with a dedicated analyzer
 * (Gateway API, OLM) — those say more. Live, the CRDs decide what is listed; users opt a group out
 * with {@code --skip-crd-group}.
 */
public final class ConditionsAnalyzer implements Analyzer {

    static final String NAME = "conditions";

    /** Groups with their own analyzer. */
    static final Set<String> DEDICATED_GROUPS = Set.of(GatewayAnalyzer.GROUP, OlmAnalyzer.GROUP_V0, OlmAnalyzer.GROUP_V1);
    private static final Set<String> MUST_BE_TRUE = Set.of("Ready", "Available", "Synced", "Healthy");
    private static final Set<String> MUST_BE_FALSE = Set.of("Degraded", "Stalled");
    private static final Set<String> CRITICAL = Set.of("Ready", "Available");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(CustomResourceDefinition.class, Event.class);
    }

    @Override
    public boolean needsAllCustomResources() {
        return true;
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> findings = new ArrayList<>();
        for (ResourceKind kind : snapshot.resourceKinds()) {
            if (!ResourceKind.isCustomGroup(kind.group()) || DEDICATED_GROUPS.contains(kind.group())) {
                continue;
            }
            for (GenericKubernetesResource o : snapshot.resources(kind)) {
                try {
                    check(snapshot, o).ifPresent(findings::add);
                } catch (RuntimeException e) {
                    // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
                }
            }
        }
        return findings;
    }

    private java.util.Optional<Finding> check(ClusterSnapshot snapshot, GenericKubernetesResource o) {
        List<String> failing = new ArrayList<>();
        boolean critical = false;
        for (Condition c : CustomFields.conditions(o)) {
            if ((MUST_BE_TRUE.contains(c.type()) && c.isFalse()) || (MUST_BE_FALSE.contains(c.type()) && c.isTrue())) {
                failing.add(c.describe());
                critical |= CRITICAL.contains(c.type()) && c.isFalse();
            }
        }
        if ("Degraded".equals(CustomFields.string(o, "status", "health", "status"))) {
            String message = CustomFields.string(o, "status", "health", "message");
            failing.add("health Degraded" + (message == null || message.isBlank() ? "" : ": " + message.strip()));
        }
        if (failing.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(NetFindings.of(snapshot, NAME, o.getKind(), o, critical ? Severity.CRITICAL : Severity.WARNING,
                "ConditionFailed", o.getKind() + " " + o.getMetadata().getName() + " reports " + String.join("; ", failing)));
    }
}
