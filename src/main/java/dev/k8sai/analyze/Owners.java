package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Resolves the {@code parent} of a finding: the top-most controller owner, e.g. Pod → ReplicaSet → Deployment. */
public final class Owners {

    private static final int MAX_DEPTH = 5;
    /** Owner kinds without a namespace that own namespaced objects. */
    private static final Set<String> CLUSTER_SCOPED_OWNERS = Set.of("Node");

    private Owners() {
    }

    /**
     * "Kind/namespace/name" of the top-most controlling owner ("Kind/name" when that owner is
     * cluster-scoped), or null when the object has none.
     */
    public static String parentOf(ClusterSnapshot snapshot, HasMetadata object) {
        String namespace = ClusterSnapshot.namespaceOrNull(object);
        OwnerReference top = null;
        HasMetadata current = object;
        for (int depth = 0; depth < MAX_DEPTH && current != null; depth++) {
            Optional<OwnerReference> owner = controllerOf(current);
            if (owner.isEmpty()) {
                break;
            }
            top = owner.get();
            current = lookup(snapshot, namespace, top).orElse(null);
        }
        if (top == null) {
            return null;
        }
        // a cluster-scoped owner (the kubelet's Node for static/mirror pods) has no namespace to name
        return new dev.k8sai.report.ObjectRef(top.getKind(),
                CLUSTER_SCOPED_OWNERS.contains(top.getKind()) ? null : namespace, top.getName()).toString();
    }

    /** The ownerReference with controller=true, else the first one. */
    public static Optional<OwnerReference> controllerOf(HasMetadata object) {
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
        if (refs == null || refs.isEmpty()) {
            return Optional.empty();
        }
        for (OwnerReference r : refs) { // a loop: this runs for every finding, streams cost more without C2
            if (Boolean.TRUE.equals(r.getController())) {
                return Optional.of(r);
            }
        }
        return Optional.of(refs.get(0));
    }

    private static Optional<? extends HasMetadata> lookup(ClusterSnapshot snapshot, String namespace, OwnerReference ref) {
        return switch (ref.getKind() == null ? "" : ref.getKind()) {
            case "ReplicaSet" -> snapshot.get(ReplicaSet.class, namespace, ref.getName());
            case "Deployment" -> snapshot.get(Deployment.class, namespace, ref.getName());
            case "Job" -> snapshot.get(Job.class, namespace, ref.getName());
            case "CronJob" -> snapshot.get(CronJob.class, namespace, ref.getName());
            default -> Optional.empty();
        };
    }
}
