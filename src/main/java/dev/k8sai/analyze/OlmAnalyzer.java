package dev.k8sai.analyze;

import dev.k8sai.analyze.CustomFields.Condition;
import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.cluster.ResourceKind;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Operator Lifecycle Manager. v0 (operators.coreos.com): {@code SubscriptionFailed}
 * (ResolutionFailed or InstallPlanFailed True), {@code InstallPlanFailed} (phase Failed),
 * {@code CSVFailed} (phase Failed; copies OLM places in watched namespaces are skipped — the
 * original says it once), {@code CatalogSourceUnhealthy} (connection state other than READY),
 * {@code OperatorGroupInvalid} (a condition True that is not a positive one, e.g. several groups in
 * one namespace). v1 (olm.operatorframework.io): {@code ClusterExtensionNotInstalled} (Installed
 * False, or Progressing with reason Retrying/Blocked/Failed) and {@code ClusterCatalogNotServing}
 * (Serving False).
 */
public final class OlmAnalyzer implements Analyzer {

    static final String NAME = "olm";
    static final String GROUP_V0 = "operators.coreos.com";
    static final String GROUP_V1 = "olm.operatorframework.io";
    static final ResourceKind SUBSCRIPTION = new ResourceKind(GROUP_V0, "Subscription");
    static final ResourceKind INSTALL_PLAN = new ResourceKind(GROUP_V0, "InstallPlan");
    static final ResourceKind CSV = new ResourceKind(GROUP_V0, "ClusterServiceVersion");
    static final ResourceKind CATALOG_SOURCE = new ResourceKind(GROUP_V0, "CatalogSource");
    static final ResourceKind OPERATOR_GROUP = new ResourceKind(GROUP_V0, "OperatorGroup");
    static final ResourceKind CLUSTER_EXTENSION = new ResourceKind(GROUP_V1, "ClusterExtension");
    static final ResourceKind CLUSTER_CATALOG = new ResourceKind(GROUP_V1, "ClusterCatalog");
    private static final Set<String> FAILED_PROGRESS = Set.of("Retrying", "Blocked", "Failed");
    private static final Set<String> POSITIVE = Set.of("Ready", "Available", "Succeeded", "Installed", "Healthy");

    /** One check per kind: the finding message when the object is broken, else null. */
    private record Check(ResourceKind kind, String reason, Severity severity, Function<GenericKubernetesResource, String> problem) {
    }

    private static final List<Check> CHECKS = List.of(
            new Check(SUBSCRIPTION, "SubscriptionFailed", Severity.CRITICAL, OlmAnalyzer::subscription),
            new Check(INSTALL_PLAN, "InstallPlanFailed", Severity.CRITICAL, o -> failedPhase(o, "Installed")),
            new Check(CSV, "CSVFailed", Severity.CRITICAL, OlmAnalyzer::csv),
            new Check(CATALOG_SOURCE, "CatalogSourceUnhealthy", Severity.WARNING, OlmAnalyzer::catalogSource),
            new Check(OPERATOR_GROUP, "OperatorGroupInvalid", Severity.WARNING, OlmAnalyzer::operatorGroup),
            new Check(CLUSTER_EXTENSION, "ClusterExtensionNotInstalled", Severity.CRITICAL, OlmAnalyzer::clusterExtension),
            new Check(CLUSTER_CATALOG, "ClusterCatalogNotServing", Severity.WARNING, OlmAnalyzer::clusterCatalog));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(Event.class);
    }

    @Override
    public Set<ResourceKind> needsResources() {
        return Set.of(SUBSCRIPTION, INSTALL_PLAN, CSV, CATALOG_SOURCE, OPERATOR_GROUP, CLUSTER_EXTENSION, CLUSTER_CATALOG);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> findings = new ArrayList<>();
        for (Check check : CHECKS) {
            for (GenericKubernetesResource o : snapshot.resources(check.kind())) {
                try {
                    String problem = check.problem().apply(o);
                    if (problem != null) {
                        findings.add(NetFindings.of(snapshot, NAME, check.kind().kind(), o, check.severity(), check.reason(), problem));
                    }
                } catch (RuntimeException e) {
                    // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
                }
            }
        }
        return findings;
    }

    private static String subscription(GenericKubernetesResource o) {
        List<String> failed = CustomFields.conditions(o).stream()
                .filter(c -> c.isTrue() && (c.type().equals("ResolutionFailed") || c.type().equals("InstallPlanFailed")))
                .map(Condition::describe).toList();
        return failed.isEmpty() ? null : "subscription to " + CustomFields.string(o, "spec", "name") + " failed: "
                + String.join("; ", failed);
    }

    private static String failedPhase(GenericKubernetesResource o, String conditionType) {
        if (!"Failed".equals(CustomFields.string(o, "status", "phase"))) {
            return null;
        }
        String detail = CustomFields.condition(CustomFields.conditions(o), conditionType).map(Condition::describe).orElse(null);
        return "phase Failed" + (detail == null ? "" : ": " + detail);
    }

    private static String csv(GenericKubernetesResource o) {
        Object labels = o.getMetadata().getLabels();
        if (labels instanceof Map<?, ?> m && m.containsKey("olm.copiedFrom")) {
            return null;
        }
        if (!"Failed".equals(CustomFields.string(o, "status", "phase"))) {
            return null;
        }
        String reason = CustomFields.string(o, "status", "reason");
        String message = CustomFields.string(o, "status", "message");
        return "operator " + o.getMetadata().getName() + " failed" + (reason == null ? "" : " (" + reason + ")")
                + (message == null ? "" : ": " + message);
    }

    private static String catalogSource(GenericKubernetesResource o) {
        String state = CustomFields.string(o, "status", "connectionState", "lastObservedState");
        if (state == null || "READY".equals(state)) {
            return null;
        }
        return "catalog connection is " + state + " (address " + CustomFields.string(o, "status", "connectionState", "address")
                + "); operators from it cannot be installed or upgraded";
    }

    private static String operatorGroup(GenericKubernetesResource o) {
        List<String> failing = CustomFields.conditions(o).stream()
                .filter(c -> POSITIVE.contains(c.type()) ? c.isFalse() : c.isTrue()).map(Condition::describe).toList();
        return failing.isEmpty() ? null : String.join("; ", failing);
    }

    private static String clusterExtension(GenericKubernetesResource o) {
        List<Condition> conditions = CustomFields.conditions(o);
        List<String> failing = new ArrayList<>();
        CustomFields.condition(conditions, "Installed").filter(Condition::isFalse).ifPresent(c -> failing.add(c.describe()));
        CustomFields.condition(conditions, "Progressing").filter(c -> FAILED_PROGRESS.contains(c.reason()))
                .ifPresent(c -> failing.add(c.describe()));
        return failing.isEmpty() ? null : "package " + CustomFields.string(o, "spec", "source", "catalog", "packageName")
                + " is not installed: " + String.join("; ", failing);
    }

    private static String clusterCatalog(GenericKubernetesResource o) {
        return CustomFields.condition(CustomFields.conditions(o), "Serving").filter(Condition::isFalse)
                .map(c -> "catalog is not serving: " + c.describe()).orElse(null);
    }
}
