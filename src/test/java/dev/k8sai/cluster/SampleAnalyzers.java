package dev.k8sai.cluster;

import dev.k8sai.analyze.Analyzer;
import dev.k8sai.analyze.Evidence;
import dev.k8sai.analyze.Owners;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tiny analyzers for testing the machinery (the real ones live in WorkloadAnalyzers/NetworkAnalyzers
 * and are written elsewhere): crash-looping pods, services selecting no pod, missing ConfigMaps.
 */
public final class SampleAnalyzers {

    private SampleAnalyzers() {
    }

    public static List<Analyzer> all() {
        return List.of(POD, SERVICE);
    }

    public static final Analyzer POD = new Analyzer() {
        @Override
        public String name() {
            return "pod";
        }

        @Override
        public Set<Class<? extends HasMetadata>> needs() {
            return Set.of(Pod.class, ConfigMap.class, Event.class, ReplicaSet.class, Deployment.class);
        }

        @Override
        public List<Finding> analyze(ClusterSnapshot s) {
            List<Finding> out = new ArrayList<>();
            for (Pod pod : s.list(Pod.class)) {
                String ns = pod.getMetadata().getNamespace();
                List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                        ? List.of() : pod.getStatus().getContainerStatuses();
                for (ContainerStatus cs : statuses) {
                    if (cs.getState() != null && cs.getState().getWaiting() != null
                            && "CrashLoopBackOff".equals(cs.getState().getWaiting().getReason())) {
                        out.add(Finding.of("pod", "Pod", ns, pod.getMetadata().getName(), Severity.CRITICAL, "CrashLoopBackOff",
                                        "container " + cs.getName() + " restarted " + cs.getRestartCount() + " times")
                                .withParent(Owners.parentOf(s, pod))
                                .withEvidence(Evidence.warningEvents(s, pod)));
                    }
                }
                if (s.collected(ConfigMap.class)) {
                    for (var c : pod.getSpec().getContainers()) {
                        for (EnvFromSource ef : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
                            if (ef.getConfigMapRef() != null && s.get(ConfigMap.class, ns, ef.getConfigMapRef().getName()).isEmpty()) {
                                out.add(Finding.of("pod", "Pod", ns, pod.getMetadata().getName(), Severity.CRITICAL,
                                        "MissingConfigMap", "ConfigMap " + ef.getConfigMapRef().getName() + " does not exist")
                                        .withParent(Owners.parentOf(s, pod)));
                            }
                        }
                    }
                }
            }
            return out;
        }
    };

    public static final Analyzer SERVICE = new Analyzer() {
        @Override
        public String name() {
            return "service";
        }

        @Override
        public Set<Class<? extends HasMetadata>> needs() {
            return Set.of(Service.class, Pod.class);
        }

        @Override
        public List<Finding> analyze(ClusterSnapshot s) {
            List<Finding> out = new ArrayList<>();
            for (Service svc : s.list(Service.class)) {
                Map<String, String> selector = svc.getSpec().getSelector();
                if (selector == null || selector.isEmpty()) {
                    continue;
                }
                String ns = svc.getMetadata().getNamespace();
                boolean any = s.list(Pod.class, ns).stream().anyMatch(p -> p.getMetadata().getLabels() != null
                        && p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()));
                if (!any) {
                    out.add(Finding.of("service", "Service", ns, svc.getMetadata().getName(), Severity.CRITICAL,
                            "SelectorMatchesNoPods", "selector " + selector + " matches no pod"));
                }
            }
            return out;
        }
    };
}
