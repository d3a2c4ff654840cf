package dev.k8sai.analyze;

import static dev.k8sai.analyze.WorkloadSupport.orZero;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Job check: {@code JobFailed} when the condition Failed=True, quoting its reason and message. */
public final class JobAnalyzer implements Analyzer {

    static final String NAME = "job";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        // CronJob only to resolve the parent of scheduled Jobs
        return Set.of(Job.class, CronJob.class, Event.class);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> result = new ArrayList<>();
        for (Job job : snapshot.list(Job.class)) {
            try {
                failedCondition(job).ifPresent(c -> result.add(WorkloadSupport.finding(NAME, snapshot, job, Severity.CRITICAL,
                        "JobFailed", "job failed (" + c.getReason() + "): " + PodAnalyzer.quote(c.getMessage())
                                + "; " + orZero(job.getStatus().getFailed()) + " failed and "
                                + orZero(job.getStatus().getSucceeded()) + " succeeded pods")));
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return result;
    }

    static Optional<JobCondition> failedCondition(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    }
}
