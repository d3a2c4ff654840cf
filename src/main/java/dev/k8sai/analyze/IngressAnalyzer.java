package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport.NotChecked;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ingresses whose class, backend Services, backend ports or TLS Secrets do not exist.
 *
 * <p>An Ingress that names no class (neither {@code spec.ingressClassName} nor the legacy
 * {@code kubernetes.io/ingress.class} annotation) while no IngressClass is marked default is
 * reported as {@code IngressClassNotSet} (warning): current controllers ignore such Ingresses
 * unless told to watch class-less ones, so it is probably not served, but it is not certain.
 */
public final class IngressAnalyzer implements Analyzer {

    static final String NAME = "ingress";
    static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";
    static final String DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(Ingress.class, IngressClass.class, Service.class, Secret.class, Event.class);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> findings = new ArrayList<>();
        for (Ingress ingress : snapshot.list(Ingress.class)) {
            try {
                if (ingress.getSpec() == null) {
                    continue;
                }
                checkClass(snapshot, ingress).ifPresent(findings::add);
                findings.addAll(checkBackends(snapshot, ingress));
                findings.addAll(checkTls(snapshot, ingress));
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return findings;
    }

    /** Backend Services and TLS Secrets of ingresses in namespaces where those kinds were not read. */
    @Override
    public List<NotChecked> notChecked(ClusterSnapshot snapshot) {
        NotCheckedTally tally = new NotCheckedTally();
        for (Ingress ingress : snapshot.list(Ingress.class)) {
            if (ingress.getSpec() == null) {
                continue;
            }
            String ns = ingress.getMetadata().getNamespace();
            routes(ingress).stream().filter(r -> r.backend().getService() != null && r.backend().getService().getName() != null)
                    .map(r -> r.backend().getService().getName()).distinct()
                    .forEach(name -> tally.count(snapshot, Service.class, ns));
            if (ingress.getSpec().getTls() != null) {
                ingress.getSpec().getTls().stream().filter(t -> t.getSecretName() != null && !t.getSecretName().isBlank())
                        .forEach(t -> tally.count(snapshot, Secret.class, ns));
            }
        }
        return tally.result();
    }

    private Optional<Finding> checkClass(ClusterSnapshot snapshot, Ingress ingress) {
        if (snapshot.unjudged(IngressClass.class, null) != null) {
            return Optional.empty();
        }
        String className = ingress.getSpec().getIngressClassName();
        String source = "ingressClassName";
        Map<String, String> annotations = ingress.getMetadata().getAnnotations();
        if ((className == null || className.isBlank()) && annotations != null) {
            className = annotations.get(CLASS_ANNOTATION);
            source = "annotation " + CLASS_ANNOTATION;
        }
        if (className == null || className.isBlank()) {
            boolean hasDefault = snapshot.list(IngressClass.class).stream().anyMatch(IngressAnalyzer::isDefault);
            if (hasDefault) {
                return Optional.empty();
            }
            return Optional.of(finding(snapshot, ingress, Severity.WARNING, "IngressClassNotSet",
                    "the ingress names no class (no ingressClassName or " + CLASS_ANNOTATION
                            + " annotation) and none of the " + NetFindings.count(snapshot.list(IngressClass.class).size(), "IngressClass")
                            + " is marked default, so controllers will likely ignore it."));
        }
        if (snapshot.get(IngressClass.class, null, className).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(finding(snapshot, ingress, Severity.CRITICAL, "IngressClassNotFound",
                source + " names IngressClass " + className + ", which does not exist."));
    }

    private List<Finding> checkBackends(ClusterSnapshot snapshot, Ingress ingress) {
        String namespace = ingress.getMetadata().getNamespace();
        if (snapshot.unjudged(Service.class, namespace) != null) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        // One finding per missing Service / missing port, however many paths repeat it.
        Set<String> reported = new LinkedHashSet<>();
        for (Route route : routes(ingress)) {
            if (route.backend().getService() == null || route.backend().getService().getName() == null) {
                continue; // a resource backend (e.g. a storage bucket CRD) is out of scope
            }
            String serviceName = route.backend().getService().getName();
            Optional<Service> service = snapshot.get(Service.class, namespace, serviceName);
            if (service.isEmpty()) {
                if (reported.add("svc/" + serviceName)) {
                    findings.add(finding(snapshot, ingress, Severity.CRITICAL, "BackendServiceNotFound",
                            route.where() + " routes to Service " + serviceName + ", which does not exist in namespace " + namespace + "."));
                }
                continue;
            }
            ServiceBackendPort port = route.backend().getService().getPort();
            if (port == null || hasPort(service.get(), port)) {
                continue;
            }
            String portText = port.getName() != null && !port.getName().isEmpty() ? "\"" + port.getName() + "\"" : String.valueOf(port.getNumber());
            if (reported.add("port/" + serviceName + "/" + portText)) {
                findings.add(finding(snapshot, ingress, Severity.CRITICAL, "BackendPortNotFound",
                        route.where() + " routes to port " + portText + " of Service " + serviceName
                                + ", which only exposes " + describePorts(service.get()) + "."));
            }
        }
        return findings;
    }

    private List<Finding> checkTls(ClusterSnapshot snapshot, Ingress ingress) {
        String namespace = ingress.getMetadata().getNamespace();
        if (snapshot.unjudged(Secret.class, namespace) != null || ingress.getSpec().getTls() == null) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        Set<String> reported = new LinkedHashSet<>();
        for (IngressTLS tls : ingress.getSpec().getTls()) {
            String secretName = tls.getSecretName();
            // No secretName means "use the controller's default certificate": not a broken reference.
            if (secretName == null || secretName.isBlank() || snapshot.get(Secret.class, namespace, secretName).isPresent()
                    || !reported.add(secretName)) {
                continue;
            }
            String hosts = tls.getHosts() == null || tls.getHosts().isEmpty() ? "all hosts" : "hosts " + String.join(", ", tls.getHosts());
            findings.add(finding(snapshot, ingress, Severity.WARNING, "TLSSecretNotFound",
                    "the tls entry for " + hosts + " names Secret " + secretName + ", which does not exist in namespace " + namespace + "."));
        }
        return findings;
    }

    /** A backend with a human description of where the ingress uses it. */
    private record Route(String where, IngressBackend backend) {
    }

    private static List<Route> routes(Ingress ingress) {
        List<Route> routes = new ArrayList<>();
        if (ingress.getSpec().getDefaultBackend() != null) {
            routes.add(new Route("the default backend", ingress.getSpec().getDefaultBackend()));
        }
        for (IngressRule rule : ingress.getSpec().getRules() == null ? List.<IngressRule>of() : ingress.getSpec().getRules()) {
            if (rule.getHttp() == null || rule.getHttp().getPaths() == null) {
                continue;
            }
            String host = rule.getHost() == null || rule.getHost().isEmpty() ? "*" : rule.getHost();
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                if (path.getBackend() != null) {
                    String p = path.getPath() == null ? "/" : path.getPath();
                    routes.add(new Route("path " + host + p, path.getBackend()));
                }
            }
        }
        return routes;
    }

    private static boolean hasPort(Service service, ServiceBackendPort port) {
        List<ServicePort> ports = service.getSpec() == null || service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts();
        if (port.getName() != null && !port.getName().isEmpty()) {
            return ports.stream().anyMatch(p -> port.getName().equals(p.getName()));
        }
        if (port.getNumber() != null) {
            return ports.stream().anyMatch(p -> port.getNumber().equals(p.getPort()));
        }
        return true;
    }

    private static String describePorts(Service service) {
        List<ServicePort> ports = service.getSpec() == null || service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts();
        if (ports.isEmpty()) {
            return "no ports";
        }
        return String.join(", ", ports.stream()
                .map(p -> p.getName() == null || p.getName().isEmpty() ? String.valueOf(p.getPort()) : p.getPort() + " (" + p.getName() + ")")
                .toList());
    }

    private static boolean isDefault(IngressClass c) {
        Map<String, String> annotations = c.getMetadata().getAnnotations();
        return annotations != null && "true".equalsIgnoreCase(annotations.get(DEFAULT_CLASS_ANNOTATION));
    }

    private static Finding finding(ClusterSnapshot snapshot, Ingress ingress, Severity severity, String reason, String message) {
        return NetFindings.of(snapshot, NAME, "Ingress", ingress, severity, reason, message);
    }
}
