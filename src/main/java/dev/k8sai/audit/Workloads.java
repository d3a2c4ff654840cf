package dev.k8sai.audit;

import dev.k8sai.analyze.Owners;
import dev.k8sai.cluster.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Extracts the pod specs to audit from a snapshot.
 *
 * <p>Duplicates are avoided by reporting on the top-most checked owner: a Pod whose controller
 * (ReplicaSet, StatefulSet, DaemonSet, Job) is in the snapshot is skipped, as is a ReplicaSet owned
 * by a Deployment in the snapshot and a Job owned by a CronJob in the snapshot. When the owner was
 * not collected the child is audited itself, so nothing is silently lost. Pods are created from the
 * template, so the template's findings are the pods' findings (admission webhooks may still mutate
 * pods; the template is what the user can fix).
 */
public final class Workloads {

    /** Every kind whose pod spec the audit reads; a live source must LIST these. */
    public static final Set<Class<? extends HasMetadata>> KINDS = Set.of(Pod.class, Deployment.class,
            StatefulSet.class, DaemonSet.class, ReplicaSet.class, Job.class, CronJob.class);

    private Workloads() {
    }

    public static List<Workload> from(ClusterSnapshot snapshot) {
        List<Workload> result = new ArrayList<>();
        for (Deployment d : snapshot.list(Deployment.class)) {
            template(d, d.getSpec() == null ? null : d.getSpec().getTemplate(), false).ifPresent(result::add);
        }
        for (StatefulSet s : snapshot.list(StatefulSet.class)) {
            template(s, s.getSpec() == null ? null : s.getSpec().getTemplate(), false).ifPresent(result::add);
        }
        for (DaemonSet d : snapshot.list(DaemonSet.class)) {
            template(d, d.getSpec() == null ? null : d.getSpec().getTemplate(), false).ifPresent(result::add);
        }
        for (ReplicaSet r : snapshot.list(ReplicaSet.class)) {
            if (!ownedByCollected(snapshot, r)) {
                template(r, r.getSpec() == null ? null : r.getSpec().getTemplate(), false).ifPresent(result::add);
            }
        }
        for (CronJob c : snapshot.list(CronJob.class)) {
            PodTemplateSpec t = c.getSpec() == null || c.getSpec().getJobTemplate() == null
                    || c.getSpec().getJobTemplate().getSpec() == null ? null
                    : c.getSpec().getJobTemplate().getSpec().getTemplate();
            template(c, t, true).ifPresent(result::add);
        }
        for (Job j : snapshot.list(Job.class)) {
            if (!ownedByCollected(snapshot, j)) {
                template(j, j.getSpec() == null ? null : j.getSpec().getTemplate(), true).ifPresent(result::add);
            }
        }
        for (Pod p : snapshot.list(Pod.class)) {
            if (p.getSpec() == null || ownedByCollected(snapshot, p)) {
                continue;
            }
            String restart = p.getSpec().getRestartPolicy();
            boolean batch = restart != null && !"Always".equals(restart);
            result.add(new Workload("Pod", ns(p), p.getMetadata().getName(), p.getSpec(),
                    p.getMetadata().getAnnotations(), batch));
        }
        return result;
    }

    private static Optional<Workload> template(HasMetadata owner, PodTemplateSpec template, boolean batch) {
        if (template == null || template.getSpec() == null) {
            return Optional.empty();
        }
        ObjectMeta meta = template.getMetadata();
        Map<String, String> annotations = meta == null ? null : meta.getAnnotations();
        return Optional.of(new Workload(owner.getKind(), ns(owner), owner.getMetadata().getName(),
                template.getSpec(), annotations, batch));
    }

    /** Whether the object's controller is itself audited (so auditing this object would duplicate). */
    private static boolean ownedByCollected(ClusterSnapshot snapshot, HasMetadata object) {
        Optional<OwnerReference> owner = Owners.controllerOf(object);
        if (owner.isEmpty()) {
            return false;
        }
        String namespace = ns(object);
        String name = owner.get().getName();
        return switch (owner.get().getKind()) {
            case "Deployment" -> snapshot.get(Deployment.class, namespace, name).isPresent();
            case "ReplicaSet" -> snapshot.get(ReplicaSet.class, namespace, name).isPresent();
            case "StatefulSet" -> snapshot.get(StatefulSet.class, namespace, name).isPresent();
            case "DaemonSet" -> snapshot.get(DaemonSet.class, namespace, name).isPresent();
            case "Job" -> snapshot.get(Job.class, namespace, name).isPresent();
            case "CronJob" -> snapshot.get(CronJob.class, namespace, name).isPresent();
            default -> false;
        };
    }

    private static String ns(HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() ? "default" : ns;
    }
}
