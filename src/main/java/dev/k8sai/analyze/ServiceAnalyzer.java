package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Services whose selector finds no pod, whose pods give no ready endpoint, or whose named
 * targetPort no selected container declares. ExternalName services and services without a
 * selector (endpoints managed by hand or by another controller) are skipped.
 */
public final class ServiceAnalyzer implements Analyzer {

    static final String NAME = "service";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(Service.class, Pod.class, EndpointSlice.class, Endpoints.class, Event.class);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> findings = new ArrayList<>();
        for (Service service : snapshot.list(Service.class)) {
            findings.addAll(check(snapshot, service));
        }
        return findings;
    }

    private List<Finding> check(ClusterSnapshot snapshot, Service service) {
        Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
        if (service.getSpec() == null || "ExternalName".equals(service.getSpec().getType())
                || selector == null || selector.isEmpty() || !snapshot.collected(Pod.class)) {
            return List.of();
        }
        String selectorText = LabelSelectors.describe(selector);
        List<Pod> pods = snapshot.list(Pod.class, service.getMetadata().getNamespace()).stream()
                .filter(p -> LabelSelectors.matches(selector, p.getMetadata().getLabels()))
                .toList();
        if (pods.isEmpty()) {
            return List.of(finding(snapshot, service, Severity.CRITICAL, "SelectorMatchesNoPods",
                    "selector " + selectorText + " matches no pod in namespace " + service.getMetadata().getNamespace() + "."));
        }
        List<Finding> findings = new ArrayList<>();
        Optional<NetEndpoints.Counts> endpoints = NetEndpoints.of(snapshot, service);
        if (endpoints.isPresent() && endpoints.get().ready() == 0) {
            long readyPods = pods.stream().filter(ServiceAnalyzer::isReady).count();
            findings.add(finding(snapshot, service, Severity.CRITICAL, "ServiceNoEndpoints",
                    NetFindings.count(pods.size(), "pod") + (pods.size() == 1 ? " matches" : " match") + " selector " + selectorText + " ("
                            + readyPods + " ready) but the service has no ready endpoint ("
                            + endpoints.get().notReady() + " not ready)."));
        }
        for (ServicePort port : service.getSpec().getPorts() == null ? List.<ServicePort>of() : service.getSpec().getPorts()) {
            IntOrString target = port.getTargetPort();
            if (target == null || target.getStrVal() == null || target.getStrVal().isEmpty()) {
                continue;
            }
            String named = target.getStrVal();
            boolean declared = pods.stream().anyMatch(p -> declaresPort(p, named));
            if (!declared) {
                String portName = port.getName() == null ? String.valueOf(port.getPort()) : port.getName() + " (" + port.getPort() + ")";
                findings.add(finding(snapshot, service, Severity.WARNING, "TargetPortNotFound",
                        "port " + portName + " targets the named port \"" + named + "\", which no container of the "
                                + NetFindings.count(pods.size(), "matching pod") + " declares."));
            }
        }
        return findings;
    }

    private static Finding finding(ClusterSnapshot snapshot, Service service, Severity severity, String reason, String message) {
        return NetFindings.of(snapshot, NAME, "Service", service, severity, reason, message);
    }

    private static boolean declaresPort(Pod pod, String name) {
        if (pod.getSpec() == null) {
            return false;
        }
        // Init containers may declare ports too (restartable sidecars); kube-proxy resolves across all of them.
        return Stream.concat(stream(pod.getSpec().getContainers()), stream(pod.getSpec().getInitContainers()))
                .flatMap(c -> stream(c.getPorts()))
                .map(ContainerPort::getName)
                .anyMatch(name::equals);
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static <T> Stream<T> stream(List<T> list) {
        return list == null ? Stream.empty() : list.stream();
    }
}
