package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The objects a pod spec references (volumes incl. projected sources, env valueFrom, envFrom,
 * imagePullSecrets, serviceAccountName) and the Missing* findings for those that do not exist.
 */
final class PodReferences {

    /** Receives one finding (the pod analyzer adds parent and evidence). */
    interface Sink {
        void add(Severity severity, String reason, String message);
    }

    private enum RefKind {
        CONFIG_MAP("ConfigMap", "MissingConfigMap", ConfigMap.class),
        SECRET("Secret", "MissingSecret", Secret.class),
        PVC("PersistentVolumeClaim", "MissingPVC", PersistentVolumeClaim.class);

        final String kind;
        final String reason;
        final Class<? extends HasMetadata> type;

        RefKind(String kind, String reason, Class<? extends HasMetadata> type) {
            this.kind = kind;
            this.reason = reason;
            this.type = type;
        }
    }

    /** All the places one object is referenced from; required when any of them is not optional. */
    private static final class Ref {
        final RefKind kind;
        final String name;
        final List<Place> places = new ArrayList<>(2);
        boolean required;
        boolean viaVolume;

        Ref(RefKind kind, String name) {
            this.kind = kind;
            this.name = name;
        }
    }

    /**
     * Where a reference is made. Its text is built only for a finding: building it for every reference
     * of every pod was a tenth of analyzing 10,000 healthy pods. equals and hashCode are written out:
     * a record's generated ones go through method handles, which cost several times more without C2.
     */
    private record Place(String what, String name, String container) {
        @Override
        public String toString() {
            return switch (what) {
                case "volume" -> "volume " + name;
                case "env" -> "env " + name + " of container " + container;
                case "envFrom" -> "envFrom of container " + container;
                default -> what;
            };
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Place p && what.equals(p.what) && Objects.equals(name, p.name) && Objects.equals(container, p.container);
        }

        @Override
        public int hashCode() {
            return Objects.hash(what, name, container);
        }
    }

    /**
     * The references in first-seen order. A list searched from the start rather than a map: a pod
     * references a handful of objects, and this runs for every pod twice (check and countUnjudged).
     */
    private final List<Ref> refs = new ArrayList<>(4);
    /** The kinds worth collecting ({@link #bit}): the others' references would be skipped anyway. */
    private final int kinds;

    private PodReferences(int kinds) {
        this.kinds = kinds;
    }

    private static int bit(RefKind kind) {
        return 1 << kind.ordinal();
    }

    private static final RefKind[] REF_KINDS = RefKind.values();

    /** The reference kinds this snapshot can ({@code judged}) or cannot judge in the namespace. */
    private static int kinds(ClusterSnapshot snapshot, String namespace, boolean judged) {
        int mask = 0;
        for (RefKind kind : REF_KINDS) {
            if ((snapshot.unjudged(kind.type, namespace) == null) == judged) {
                mask |= bit(kind);
            }
        }
        return mask;
    }

    /**
     * Reports missing references of kinds that were collected, except objects in {@code skip}
     * ("Kind/name", already named by a CreateContainerConfigError). Returns true when a missing
     * object referenced by a volume was reported.
     */
    static boolean check(ClusterSnapshot snapshot, Pod pod, Set<String> skip, Sink sink) {
        PodSpec spec = pod.getSpec();
        if (spec == null) {
            return false;
        }
        String ns = ClusterSnapshot.namespaceOrNull(pod);
        boolean volumeMissing = false;
        int judged = kinds(snapshot, ns, true);
        if (judged != 0) {
            PodReferences collector = new PodReferences(judged);
            collector.collect(spec);
            for (Ref ref : collector.refs) {
                if (!ref.required || snapshot.get(ref.kind.type, ns, ref.name).isPresent()) {
                    continue;
                }
                volumeMissing |= ref.viaVolume;
                if (skip.contains(ref.kind.kind + "/" + ref.name)) {
                    continue;
                }
                sink.add(Severity.CRITICAL, ref.kind.reason, ref.kind.kind + " " + ref.name
                        + " does not exist (referenced by " + String.join(", ", ref.places.stream().map(Place::toString).toList()) + ")");
            }
        }
        String account = serviceAccount(spec);
        if (snapshot.unjudged(ServiceAccount.class, ns) == null && snapshot.get(ServiceAccount.class, ns, account).isEmpty()) {
            sink.add(Severity.CRITICAL, "MissingServiceAccount", "ServiceAccount " + account + " does not exist");
        }
        return volumeMissing;
    }

    /**
     * Counts the pod's required references that this snapshot cannot judge (their kind was not read
     * in the pod's namespace) into {@code tally}, for the report's not-checked summary.
     */
    static void countUnjudged(ClusterSnapshot snapshot, Pod pod, NotCheckedTally tally) {
        PodSpec spec = pod.getSpec();
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        // the pod analyzer judges references only of pods that are neither finished nor being deleted
        if (spec == null || pod.getMetadata().getDeletionTimestamp() != null || "Succeeded".equals(phase) || "Failed".equals(phase)) {
            return;
        }
        String ns = ClusterSnapshot.namespaceOrNull(pod);
        int unjudged = kinds(snapshot, ns, false);
        if (unjudged != 0) {
            PodReferences collector = new PodReferences(unjudged);
            collector.collect(spec);
            for (Ref ref : collector.refs) {
                if (ref.required) {
                    tally.count(snapshot, ref.kind.type, ns);
                }
            }
        }
        tally.count(snapshot, ServiceAccount.class, ns);
    }

    /** spec.serviceAccountName, else the deprecated spec.serviceAccount, else "default" as the API server fills in. */
    static String serviceAccount(PodSpec spec) {
        if (spec.getServiceAccountName() != null && !spec.getServiceAccountName().isEmpty()) {
            return spec.getServiceAccountName();
        }
        if (spec.getServiceAccount() != null && !spec.getServiceAccount().isEmpty()) {
            return spec.getServiceAccount();
        }
        return "default";
    }

    private void collect(PodSpec spec) {
        if (spec.getVolumes() != null) {
            for (Volume v : spec.getVolumes()) {
                Place place = new Place("volume", v.getName(), null);
                if (v.getConfigMap() != null) {
                    add(RefKind.CONFIG_MAP, v.getConfigMap().getName(), place, v.getConfigMap().getOptional(), true);
                }
                if (v.getSecret() != null) {
                    add(RefKind.SECRET, v.getSecret().getSecretName(), place, v.getSecret().getOptional(), true);
                }
                if (v.getPersistentVolumeClaim() != null) {
                    add(RefKind.PVC, v.getPersistentVolumeClaim().getClaimName(), place, false, true);
                }
                if (v.getProjected() != null && v.getProjected().getSources() != null) {
                    for (VolumeProjection p : v.getProjected().getSources()) {
                        if (p.getConfigMap() != null) {
                            add(RefKind.CONFIG_MAP, p.getConfigMap().getName(), place, p.getConfigMap().getOptional(), true);
                        }
                        if (p.getSecret() != null) {
                            add(RefKind.SECRET, p.getSecret().getName(), place, p.getSecret().getOptional(), true);
                        }
                    }
                }
            }
        }
        containers(spec.getInitContainers());
        containers(spec.getContainers());
        if (spec.getImagePullSecrets() != null) {
            for (LocalObjectReference ref : spec.getImagePullSecrets()) {
                add(RefKind.SECRET, ref.getName(), new Place("imagePullSecrets", null, null), false, false);
            }
        }
    }

    private void containers(List<Container> containers) {
        if (containers == null) {
            return;
        }
        for (Container c : containers) {
            if (c.getEnv() != null) {
                for (EnvVar env : c.getEnv()) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    Place place = new Place("env", env.getName(), c.getName());
                    var cm = env.getValueFrom().getConfigMapKeyRef();
                    if (cm != null) {
                        add(RefKind.CONFIG_MAP, cm.getName(), place, cm.getOptional(), false);
                    }
                    var secret = env.getValueFrom().getSecretKeyRef();
                    if (secret != null) {
                        add(RefKind.SECRET, secret.getName(), place, secret.getOptional(), false);
                    }
                }
            }
            if (c.getEnvFrom() != null) {
                for (EnvFromSource from : c.getEnvFrom()) {
                    Place place = new Place("envFrom", null, c.getName());
                    if (from.getConfigMapRef() != null) {
                        add(RefKind.CONFIG_MAP, from.getConfigMapRef().getName(), place, from.getConfigMapRef().getOptional(), false);
                    }
                    if (from.getSecretRef() != null) {
                        add(RefKind.SECRET, from.getSecretRef().getName(), place, from.getSecretRef().getOptional(), false);
                    }
                }
            }
        }
    }

    private void add(RefKind kind, String name, Place place, Boolean optional, boolean volume) {
        if (name == null || name.isEmpty() || (kinds & bit(kind)) == 0) {
            return;
        }
        Ref ref = null;
        for (Ref r : refs) {
            if (r.kind == kind && r.name.equals(name)) {
                ref = r;
                break;
            }
        }
        if (ref == null) {
            ref = new Ref(kind, name);
            refs.add(ref);
        }
        if (!ref.places.contains(place)) {
            ref.places.add(place);
        }
        if (!Boolean.TRUE.equals(optional)) {
            ref.required = true;
            ref.viaVolume |= volume;
        }
    }
}
