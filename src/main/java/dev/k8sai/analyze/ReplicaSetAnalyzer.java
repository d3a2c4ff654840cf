package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * ReplicaSet check: {@code ReplicaFailure} when the condition ReplicaFailure=True (quota exceeded,
 * forbidden by admission, missing ServiceAccount…), quoting its message. Old revisions of a
 * Deployment (the ReplicaSet scaled to 0, or its Deployment scaled to 0) are skipped: nobody waits
 * for their pods.
 */
public final class ReplicaSetAnalyzer implements Analyzer {

    static final String NAME = "replicaset";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(ReplicaSet.class, Deployment.class, Event.class);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> result = new ArrayList<>();
        for (ReplicaSet rs : snapshot.list(ReplicaSet.class)) {
            try {
                if (rs.getStatus() == null || rs.getStatus().getConditions() == null || idleRevision(snapshot, rs)) {
                    continue;
                }
                rs.getStatus().getConditions().stream()
                        .filter(c -> "ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus()))
                        .findFirst()
                        .ifPresent(c -> result.add(WorkloadSupport.finding(NAME, snapshot, rs, Severity.CRITICAL,
                                "ReplicaFailure", "cannot create pods (" + c.getReason() + "): "
                                        + PodAnalyzer.quote(c.getMessage()))));
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return result;
    }

    private static boolean idleRevision(ClusterSnapshot snapshot, ReplicaSet rs) {
        Optional<OwnerReference> owner = Owners.controllerOf(rs).filter(o -> "Deployment".equals(o.getKind()));
        if (owner.isEmpty()) {
            return false;
        }
        if (rs.getSpec() != null && Integer.valueOf(0).equals(rs.getSpec().getReplicas())) {
            return true;
        }
        return snapshot.get(Deployment.class, ClusterSnapshot.namespaceOrNull(rs), owner.get().getName())
                .map(d -> d.getSpec() != null && Integer.valueOf(0).equals(d.getSpec().getReplicas()))
                .orElse(false);
    }
}
