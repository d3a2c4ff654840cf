package dev.k8sai.analyze;

import static dev.k8sai.analyze.WorkloadSupport.orZero;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Deployment checks: {@code ReplicasUnavailable} when fewer replicas are ready or available than
 * desired (critical when none is available, warning otherwise; a Deployment scaled to 0 is fine; the
 * warning is skipped during a normal rollout — Progressing=True with reason ReplicaSetUpdated or
 * NewReplicaSetCreated and not all replicas updated yet) and {@code ProgressDeadlineExceeded} from the
 * Progressing condition.
 */
public final class DeploymentAnalyzer implements Analyzer {

    static final String NAME = "deployment";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(Deployment.class, Event.class);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> result = new ArrayList<>();
        for (Deployment d : snapshot.list(Deployment.class)) {
            try {
                DeploymentStatus status = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
                int desired = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
                int available = orZero(status.getAvailableReplicas());
                int ready = orZero(status.getReadyReplicas());
                // a normal rollout has fewer available replicas by design (maxUnavailable/maxSurge); a stalled
                // one ends in ProgressDeadlineExceeded below, so only "none available" is worth a finding here
                boolean rollingOut = orZero(status.getUpdatedReplicas()) < desired && progressingByRollout(status);
                if (desired > 0 && (available < desired || ready < desired) && !(rollingOut && available > 0)) {
                    result.add(WorkloadSupport.finding(NAME, snapshot, d,
                            available == 0 ? Severity.CRITICAL : Severity.WARNING, "ReplicasUnavailable",
                            available + " of " + desired + " desired replicas available (" + ready + " ready, "
                                    + orZero(status.getUpdatedReplicas()) + " up to date)"));
                }
                if (status.getConditions() != null) {
                    status.getConditions().stream()
                            .filter(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus())
                                    && "ProgressDeadlineExceeded".equals(c.getReason()))
                            .findFirst()
                            .ifPresent(c -> result.add(WorkloadSupport.finding(NAME, snapshot, d, Severity.CRITICAL,
                                    "ProgressDeadlineExceeded", "rollout stalled past its "
                                            + progressDeadline(d) + "s progress deadline: " + PodAnalyzer.quote(c.getMessage()))));
                }
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return result;
    }

    private static boolean progressingByRollout(DeploymentStatus status) {
        return status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Progressing".equals(c.getType()) && "True".equals(c.getStatus())
                        && ("ReplicaSetUpdated".equals(c.getReason()) || "NewReplicaSetCreated".equals(c.getReason())));
    }

    private static int progressDeadline(Deployment d) {
        // 600 s is the API default for spec.progressDeadlineSeconds
        return d.getSpec() == null || d.getSpec().getProgressDeadlineSeconds() == null ? 600
                : d.getSpec().getProgressDeadlineSeconds();
    }
}
