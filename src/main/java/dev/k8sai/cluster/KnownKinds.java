package dev.k8sai.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one table of the built-in kinds we know: which fabric8 class a snapshot file's
 * {@code apiVersion}/{@code kind} becomes, and which class kubectl's names for a kind (pod, pods, po)
 * mean. Hand-written rather than fabric8's registry because checks read one class per kind (e.g.
 * autoscaling/v2 HorizontalPodAutoscaler): an older API version of the same kind must land in that class too.
 */
public final class KnownKinds {

    static final List<Class<? extends HasMetadata>> BUILT_IN = List.of(
            Pod.class, Service.class, Endpoints.class, ConfigMap.class, Secret.class, ServiceAccount.class,
            PersistentVolumeClaim.class, PersistentVolume.class, Node.class, Namespace.class, Event.class,
            ResourceQuota.class, LimitRange.class, ReplicationController.class,
            Deployment.class, ReplicaSet.class, StatefulSet.class, DaemonSet.class, Job.class, CronJob.class,
            HorizontalPodAutoscaler.class, PodDisruptionBudget.class,
            Ingress.class, IngressClass.class, NetworkPolicy.class, EndpointSlice.class, StorageClass.class,
            ValidatingWebhookConfiguration.class, MutatingWebhookConfiguration.class,
            Role.class, RoleBinding.class, ClusterRole.class, ClusterRoleBinding.class);

    /** kubectl's short names; the lower-case kind and its plural are accepted for every kind. */
    private static final Map<String, Class<? extends HasMetadata>> SHORT_NAMES = Map.ofEntries(
            Map.entry("po", Pod.class), Map.entry("svc", Service.class), Map.entry("ep", Endpoints.class),
            Map.entry("cm", ConfigMap.class), Map.entry("sa", ServiceAccount.class),
            Map.entry("pvc", PersistentVolumeClaim.class), Map.entry("pv", PersistentVolume.class), Map.entry("no", Node.class),
            Map.entry("ns", Namespace.class), Map.entry("ev", Event.class), Map.entry("quota", ResourceQuota.class),
            Map.entry("limits", LimitRange.class), Map.entry("rc", ReplicationController.class),
            Map.entry("deploy", Deployment.class), Map.entry("rs", ReplicaSet.class), Map.entry("sts", StatefulSet.class),
            Map.entry("ds", DaemonSet.class), Map.entry("cj", CronJob.class), Map.entry("hpa", HorizontalPodAutoscaler.class),
            Map.entry("pdb", PodDisruptionBudget.class), Map.entry("ing", Ingress.class), Map.entry("netpol", NetworkPolicy.class),
            Map.entry("sc", StorageClass.class));

    private static final Map<String, Class<? extends HasMetadata>> BY_NAME = byName();

    private static Map<String, Class<? extends HasMetadata>> byName() {
        Map<String, Class<? extends HasMetadata>> names = new HashMap<>(SHORT_NAMES);
        for (Class<? extends HasMetadata> c : BUILT_IN) {
            names.putIfAbsent(HasMetadata.getKind(c).toLowerCase(java.util.Locale.ROOT), c);
            names.putIfAbsent(HasMetadata.getPlural(c), c);
        }
        return Map.copyOf(names);
    }

    /** The built-in kind kubectl would understand by {@code name} (Pod, pod, pods, po), if any. */
    public static java.util.Optional<Class<? extends HasMetadata>> named(String name) {
        return name == null ? java.util.Optional.empty()
                : java.util.Optional.ofNullable(BY_NAME.get(name.strip().toLowerCase(java.util.Locale.ROOT)));
    }

    /** Whether objects of this kind live outside namespaces (Node, Namespace, ClusterRole…). */
    public static boolean clusterScoped(Class<? extends HasMetadata> type) {
        return !io.fabric8.kubernetes.api.model.Namespaced.class.isAssignableFrom(type);
    }

    private final Map<String, Class<? extends HasMetadata>> byGroupKind = new HashMap<>();
    private final Map<String, Class<? extends HasMetadata>> byKind = new HashMap<>();

    private final Predicate<ResourceKind> customKinds;

    KnownKinds(Collection<Class<? extends HasMetadata>> extra) {
        this(extra, k -> false);
    }

    /** {@code customKinds}: kinds without a model class to keep as GenericKubernetesResource. */
    KnownKinds(Collection<Class<? extends HasMetadata>> extra, Predicate<ResourceKind> customKinds) {
        this.customKinds = customKinds;
        Set<Class<? extends HasMetadata>> all = new LinkedHashSet<>(BUILT_IN);
        all.addAll(extra);
        for (Class<? extends HasMetadata> c : all) {
            String kind = HasMetadata.getKind(c);
            byGroupKind.put(groupOf(HasMetadata.getApiVersion(c)) + "/" + kind, c);
            // a kind served by two groups (Event: v1 and events.k8s.io) is only matched by group
            byKind.merge(kind, c, (a, b) -> a == b ? a : null);
        }
    }

    /** The class for this apiVersion/kind; another version of a known group/kind maps to the same class. */
    Class<? extends HasMetadata> resolve(String apiVersion, String kind) {
        if (kind == null) {
            return null;
        }
        Class<? extends HasMetadata> exact = byGroupKind.get(groupOf(apiVersion) + "/" + kind);
        if (exact != null) {
            return exact;
        }
        // Old groups of the same kind (extensions/v1beta1 Ingress, policy/v1beta1 PDB): same shape.
        return "Event".equals(kind) ? null : byKind.get(kind);
    }

    /** {@link #resolve}, else GenericKubernetesResource for a wanted custom kind, else null. */
    Class<? extends HasMetadata> resolveOrCustom(String apiVersion, String kind) {
        Class<? extends HasMetadata> type = resolve(apiVersion, kind);
        if (type == null && kind != null && apiVersion != null && apiVersion.contains("/")
                && customKinds.test(ResourceKind.of(apiVersion, kind))) {
            return GenericKubernetesResource.class;
        }
        return type;
    }

    static String groupOf(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
