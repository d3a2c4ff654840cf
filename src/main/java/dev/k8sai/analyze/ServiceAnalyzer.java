package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Container;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
        PodsByLabel index = new PodsByLabel(snapshot);
        for (Service service : snapshot.list(Service.class)) {
            try {
                findings.addAll(check(snapshot, service, index));
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return findings;
    }

    /**
     * Pods per namespace and label (key, then value), built once per run: a selector's candidates are
     * the smallest bucket among its pairs, so 500 services over 10,000 pods match a few pods each
     * instead of scanning their whole namespace (the scan made this the slowest analyzer on a cold
     * JVM). Loops and nested maps rather than streams and "key=value" strings: this runs for every
     * label of every pod, without C2.
     */
    static final class PodsByLabel {
        private final ClusterSnapshot snapshot;
        private final Map<String, Map<String, Map<String, List<Pod>>>> byNamespace = new HashMap<>();

        PodsByLabel(ClusterSnapshot snapshot) {
            this.snapshot = snapshot;
        }

        /** Pods of the namespace whose labels match the (non-empty) equality selector, in snapshot order. */
        List<Pod> matching(String namespace, Map<String, String> selector) {
            String nsKey = namespace == null ? "" : namespace;
            Map<String, Map<String, List<Pod>>> buckets = byNamespace.get(nsKey);
            if (buckets == null) {
                buckets = index(snapshot.list(Pod.class, namespace));
                byNamespace.put(nsKey, buckets);
            }
            List<Pod> smallest = null;
            for (Map.Entry<String, String> e : selector.entrySet()) {
                Map<String, List<Pod>> values = buckets.get(String.valueOf(e.getKey()));
                List<Pod> bucket = values == null ? null : values.get(String.valueOf(e.getValue()));
                if (bucket == null) {
                    return List.of();
                }
                if (smallest == null || bucket.size() < smallest.size()) {
                    smallest = bucket;
                }
            }
            List<Pod> matching = new ArrayList<>();
            for (Pod p : smallest == null ? List.<Pod>of() : smallest) {
                if (LabelSelectors.matches(selector, p.getMetadata().getLabels())) {
                    matching.add(p);
                }
            }
            return matching;
        }

        private static Map<String, Map<String, List<Pod>>> index(List<Pod> pods) {
            Map<String, Map<String, List<Pod>>> byKey = new HashMap<>();
            for (Pod p : pods) {
                add(byKey, p);
            }
            return byKey;
        }

        /**
         * One pod's labels: a method of its own, so that it is compiled after a few hundred pods (a
         * loop inside one call stays interpreted for tens of thousands of iterations under C1).
         */
        private static void add(Map<String, Map<String, List<Pod>>> byKey, Pod p) {
            Map<String, String> labels = p.getMetadata().getLabels();
            if (labels == null) {
                return;
            }
            for (Map.Entry<String, String> label : labels.entrySet()) {
                String key = String.valueOf(label.getKey());
                Map<String, List<Pod>> byValue = byKey.get(key);
                if (byValue == null) {
                    byValue = new HashMap<>();
                    byKey.put(key, byValue);
                }
                String value = String.valueOf(label.getValue());
                List<Pod> bucket = byValue.get(value);
                if (bucket == null) {
                    bucket = new ArrayList<>();
                    byValue.put(value, bucket);
                }
                bucket.add(p);
            }
        }
    }

    private List<Finding> check(ClusterSnapshot snapshot, Service service, PodsByLabel index) {
        Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
        if (service.getSpec() == null || "ExternalName".equals(service.getSpec().getType())
                || selector == null || selector.isEmpty()
                || snapshot.unjudged(Pod.class, service.getMetadata().getNamespace()) != null) {
            return List.of();
        }
        String selectorText = LabelSelectors.describe(selector);
        List<Pod> pods = index.matching(service.getMetadata().getNamespace(), selector);
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
        return declaresPort(pod.getSpec().getContainers(), name) || declaresPort(pod.getSpec().getInitContainers(), name);
    }

    /** A loop: this runs for the pods of every service with a named targetPort. */
    private static boolean declaresPort(List<Container> containers, String name) {
        for (Container c : containers == null ? List.<Container>of() : containers) {
            for (ContainerPort port : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                if (name.equals(port.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
