package dev.k8sai.audit;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pod spec to audit and the object that owns it: a bare Pod, or the pod template of a Deployment,
 * StatefulSet, DaemonSet, ReplicaSet, Job or CronJob.
 *
 * @param podAnnotations annotations of the pod (template) metadata; AppArmor is still set there on older clusters
 * @param batch          true for Jobs, CronJobs and bare pods that do not restart: probes are not expected
 */
public record Workload(String kind, String namespace, String name, PodSpec spec,
                       Map<String, String> podAnnotations, boolean batch) {

    public Workload {
        podAnnotations = podAnnotations == null ? Map.of() : Map.copyOf(podAnnotations);
    }

    /** "Kind/namespace/name". */
    public String ref() {
        return new dev.k8sai.report.ObjectRef(kind, namespace, name).toString();
    }

    /** Every container of the spec: init, then regular, then ephemeral. */
    public List<ContainerView> containers() {
        List<ContainerView> all = new ArrayList<>();
        if (spec.getInitContainers() != null) {
            spec.getInitContainers().stream().filter(Objects::nonNull).forEach(c -> all.add(ContainerView.of(c, ContainerType.INIT)));
        }
        if (spec.getContainers() != null) {
            spec.getContainers().stream().filter(Objects::nonNull).forEach(c -> all.add(ContainerView.of(c, ContainerType.MAIN)));
        }
        if (spec.getEphemeralContainers() != null) {
            spec.getEphemeralContainers().stream().filter(Objects::nonNull).forEach(c -> all.add(ContainerView.of(c)));
        }
        return all;
    }

    public enum ContainerType { INIT, MAIN, EPHEMERAL }

    /**
     * The fields the checks read, common to {@link Container} and {@link EphemeralContainer}
     * (two unrelated fabric8 classes with the same getters).
     */
    public record ContainerView(String name, ContainerType type, String image, SecurityContext securityContext,
                                List<ContainerPort> ports, Probe livenessProbe, Probe readinessProbe,
                                Probe startupProbe, Lifecycle lifecycle, ResourceRequirements resources,
                                List<EnvVar> env) {

        public ContainerView {
            // null elements only come from hand-written file snapshots ("ports: [~]"); drop them
            ports = ports == null ? List.of() : ports.stream().filter(Objects::nonNull).toList();
            env = env == null ? List.of() : env.stream().filter(Objects::nonNull).toList();
        }

        static ContainerView of(Container c, ContainerType type) {
            return new ContainerView(c.getName(), type, c.getImage(), c.getSecurityContext(), c.getPorts(),
                    c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe(), c.getLifecycle(),
                    c.getResources(), c.getEnv());
        }

        static ContainerView of(EphemeralContainer c) {
            return new ContainerView(c.getName(), ContainerType.EPHEMERAL, c.getImage(), c.getSecurityContext(),
                    c.getPorts(), c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe(),
                    c.getLifecycle(), c.getResources(), c.getEnv());
        }

        /** "init container x", "container x" or "ephemeral container x", for messages. */
        public String label() {
            return switch (type) {
                case INIT -> "init container " + name;
                case MAIN -> "container " + name;
                case EPHEMERAL -> "ephemeral container " + name;
            };
        }
    }
}
