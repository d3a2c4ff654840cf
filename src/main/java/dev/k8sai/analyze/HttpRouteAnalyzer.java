package dev.k8sai.analyze;

import dev.k8sai.analyze.CustomFields.Condition;
import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.cluster.ResourceKind;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Gateway API HTTPRoutes: {@code RouteParentNotFound} (a parentRef to a Gateway that does not exist,
 * judged only where Gateways were read), {@code RouteNotAccepted} (a parent status with
 * Accepted=False) and {@code BackendRefNotResolved} (ResolvedRefs=False in a parent status, or a
 * backendRef naming a missing Service or a port the Service does not expose). References to other
 * kinds (a ListenerSet parent, a non-Service backend) are not judged.
 */
public final class HttpRouteAnalyzer implements Analyzer {

    static final String NAME = "httproute";
    static final ResourceKind HTTP_ROUTE = new ResourceKind(GatewayAnalyzer.GROUP, "HTTPRoute");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(Service.class, Event.class);
    }

    @Override
    public Set<ResourceKind> needsResources() {
        return Set.of(HTTP_ROUTE, GatewayAnalyzer.GATEWAY);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> findings = new ArrayList<>();
        for (GenericKubernetesResource route : snapshot.resources(HTTP_ROUTE)) {
            try {
                check(snapshot, route, findings);
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return findings;
    }

    private void check(ClusterSnapshot snapshot, GenericKubernetesResource route, List<Finding> findings) {
        String ns = route.getMetadata().getNamespace();
        for (Object ref : CustomFields.list(route, "spec", "parentRefs")) {
            String kind = orDefault(CustomFields.string(ref, "kind"), "Gateway");
            String group = orDefault(CustomFields.string(ref, "group"), GatewayAnalyzer.GROUP);
            String name = CustomFields.string(ref, "name");
            String parentNs = orDefault(CustomFields.string(ref, "namespace"), ns);
            if ("Gateway".equals(kind) && GatewayAnalyzer.GROUP.equals(group) && name != null
                    && snapshot.unjudged(GatewayAnalyzer.GATEWAY, parentNs) == null
                    && snapshot.resource(GatewayAnalyzer.GATEWAY, parentNs, name).isEmpty()) {
                findings.add(finding(snapshot, route, "RouteParentNotFound",
                        "parentRef names Gateway " + parentNs + "/" + name + ", which does not exist"));
            }
        }
        Set<String> notAccepted = new LinkedHashSet<>();
        Set<String> unresolved = new LinkedHashSet<>();
        for (Object parent : CustomFields.list(route, "status", "parents")) {
            String gateway = CustomFields.string(parent, "parentRef", "name");
            for (Condition c : CustomFields.conditions(parent, "conditions")) {
                if ("Accepted".equals(c.type()) && c.isFalse()) {
                    notAccepted.add("Gateway " + gateway + ": " + c.describe());
                } else if ("ResolvedRefs".equals(c.type()) && c.isFalse()) {
                    unresolved.add("Gateway " + gateway + ": " + c.describe());
                }
            }
        }
        if (!notAccepted.isEmpty()) {
            findings.add(finding(snapshot, route, "RouteNotAccepted", "not accepted by " + String.join("; ", notAccepted)));
        }
        unresolved.addAll(missingBackends(snapshot, route, ns));
        if (!unresolved.isEmpty()) {
            findings.add(finding(snapshot, route, "BackendRefNotResolved", String.join("; ", unresolved)));
        }
    }

    private static List<String> missingBackends(ClusterSnapshot snapshot, GenericKubernetesResource route, String ns) {
        Set<String> problems = new LinkedHashSet<>();
        for (Object rule : CustomFields.list(route, "spec", "rules")) {
            for (Object backend : CustomFields.list(rule, "backendRefs")) {
                String kind = orDefault(CustomFields.string(backend, "kind"), "Service");
                String group = orDefault(CustomFields.string(backend, "group"), "");
                String name = CustomFields.string(backend, "name");
                String backendNs = orDefault(CustomFields.string(backend, "namespace"), ns);
                if (!"Service".equals(kind) || !group.isEmpty() || name == null || snapshot.unjudged(Service.class, backendNs) != null) {
                    continue;
                }
                Optional<Service> service = snapshot.get(Service.class, backendNs, name);
                String port = CustomFields.string(backend, "port");
                if (service.isEmpty()) {
                    problems.add("backendRef Service " + backendNs + "/" + name + " does not exist");
                } else if (port != null && !exposes(service.get(), port)) {
                    problems.add("backendRef Service " + backendNs + "/" + name + " has no port " + port);
                }
            }
        }
        return new ArrayList<>(problems);
    }

    private static boolean exposes(Service service, String port) {
        List<ServicePort> ports = service.getSpec() == null || service.getSpec().getPorts() == null
                ? List.of() : service.getSpec().getPorts();
        return ports.stream().anyMatch(p -> p.getPort() != null && String.valueOf(p.getPort()).equals(port));
    }

    private static Finding finding(ClusterSnapshot snapshot, GenericKubernetesResource route, String reason, String message) {
        return NetFindings.of(snapshot, NAME, "HTTPRoute", route, Severity.CRITICAL, reason, message);
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
