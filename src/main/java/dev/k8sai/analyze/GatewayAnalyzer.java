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

/**
 * Gateway API classes and gateways: {@code GatewayClassNotAccepted} (Accepted=False),
 * {@code GatewayClassNotFound} (only when GatewayClasses were read), {@code GatewayNotProgrammed}
 * (Accepted or Programmed not True; not repeated for a gateway whose class is missing — that is the
 * cause) and {@code ListenerNotReady} (a listener's Programmed/ResolvedRefs False or Conflicted
 * True; one finding per gateway naming the listeners).
 */
public final class GatewayAnalyzer implements Analyzer {

    static final String NAME = "gateway";
    static final String GROUP = "gateway.networking.k8s.io";
    static final ResourceKind GATEWAY_CLASS = new ResourceKind(GROUP, "GatewayClass");
    static final ResourceKind GATEWAY = new ResourceKind(GROUP, "Gateway");

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
        return Set.of(GATEWAY_CLASS, GATEWAY);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> findings = new ArrayList<>();
        for (GenericKubernetesResource gc : snapshot.resources(GATEWAY_CLASS)) {
            try {
                CustomFields.condition(CustomFields.conditions(gc), "Accepted").filter(Condition::isFalse).ifPresent(c ->
                        findings.add(NetFindings.of(snapshot, NAME, "GatewayClass", gc, Severity.CRITICAL, "GatewayClassNotAccepted",
                                "GatewayClass " + gc.getMetadata().getName() + " (controller "
                                        + CustomFields.string(gc, "spec", "controllerName") + ") is not accepted: " + c.describe())));
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        for (GenericKubernetesResource gw : snapshot.resources(GATEWAY)) {
            try {
                checkGateway(snapshot, gw, findings);
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return findings;
    }

    private void checkGateway(ClusterSnapshot snapshot, GenericKubernetesResource gw, List<Finding> findings) {
        String className = CustomFields.string(gw, "spec", "gatewayClassName");
        if (className != null && snapshot.unjudged(GATEWAY_CLASS, null) == null
                && snapshot.resource(GATEWAY_CLASS, null, className).isEmpty()) {
            findings.add(NetFindings.of(snapshot, NAME, "Gateway", gw, Severity.CRITICAL, "GatewayClassNotFound",
                    "gatewayClassName names GatewayClass " + className + ", which does not exist"));
            return;
        }
        List<Condition> conditions = CustomFields.conditions(gw);
        List<String> notTrue = new ArrayList<>();
        for (String type : List.of("Accepted", "Programmed")) {
            CustomFields.condition(conditions, type).filter(c -> !c.isTrue()).ifPresent(c -> notTrue.add(c.describe()));
        }
        if (!notTrue.isEmpty()) {
            findings.add(NetFindings.of(snapshot, NAME, "Gateway", gw, Severity.CRITICAL, "GatewayNotProgrammed",
                    "Gateway " + gw.getMetadata().getName() + " is not ready: " + String.join("; ", notTrue)));
        }
        List<String> listeners = new ArrayList<>();
        for (Object l : CustomFields.list(gw, "status", "listeners")) {
            List<String> bad = new ArrayList<>();
            for (Condition c : CustomFields.conditions(l, "conditions")) {
                boolean failing = ("Programmed".equals(c.type()) || "ResolvedRefs".equals(c.type())) ? c.isFalse()
                        : "Conflicted".equals(c.type()) && c.isTrue();
                if (failing) {
                    bad.add(c.describe());
                }
            }
            if (!bad.isEmpty()) {
                listeners.add("listener " + (l instanceof Map<?, ?> m ? m.get("name") : "?") + ": " + String.join("; ", bad));
            }
        }
        if (!listeners.isEmpty()) {
            findings.add(NetFindings.of(snapshot, NAME, "Gateway", gw, Severity.WARNING, "ListenerNotReady",
                    String.join("; ", listeners)));
        }
    }
}
