package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CronJob checks: {@code InvalidSchedule} (the schedule or spec.timeZone does not parse, see
 * {@link CronSchedule}), {@code CronJobSuspended} (info) and {@code LastRunFailed} (the newest Job it
 * owns — by creationTimestamp, then startTime — has Failed=True; silent when Jobs were not
 * collected). The failed Job itself is also reported by the job analyzer; this finding says that
 * the schedule as a whole is currently failing.
 */
public final class CronJobAnalyzer implements Analyzer {

    static final String NAME = "cronjob";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(CronJob.class, Job.class, Event.class);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> result = new ArrayList<>();
        for (CronJob cj : snapshot.list(CronJob.class)) {
            try {
                if (cj.getSpec() == null) {
                    continue;
                }
                String schedule = cj.getSpec().getSchedule();
                invalidSchedule(schedule, cj.getSpec().getTimeZone()).ifPresent(message -> result.add(
                        WorkloadSupport.finding(NAME, snapshot, cj, Severity.CRITICAL, "InvalidSchedule", message)));
                if (Boolean.TRUE.equals(cj.getSpec().getSuspend())) {
                    String last = cj.getStatus() == null ? null : cj.getStatus().getLastScheduleTime();
                    result.add(WorkloadSupport.finding(NAME, snapshot, cj, Severity.INFO, "CronJobSuspended",
                            "cron job is suspended, so schedule \"" + schedule + "\" starts no Jobs"
                                    + (last == null ? "" : "; last scheduled at " + last)));
                }
                newestJob(snapshot, cj).ifPresent(job -> JobAnalyzer.failedCondition(job).ifPresent(c -> {
                    Finding f = WorkloadSupport.finding(NAME, snapshot, cj, Severity.WARNING, "LastRunFailed",
                            "newest Job " + job.getMetadata().getName() + " failed (" + c.getReason() + "): "
                                    + PodAnalyzer.quote(c.getMessage()));
                    // the Job's own Warning events explain the failure better than the CronJob's
                    result.add(f.withEvidence(Stream.concat(f.evidence().stream(),
                            Evidence.warningEvents(snapshot, job).stream()).limit(Evidence.MAX_EVENTS).toList()));
                }));
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return result;
    }

    /** The InvalidSchedule message, naming the time zone when that is the part that does not parse. */
    private static Optional<String> invalidSchedule(String schedule, String timeZone) {
        Optional<String> prefixZone = CronSchedule.prefixZone(schedule);
        if (prefixZone.isPresent() && CronSchedule.zoneProblem(prefixZone.get()).isPresent()) {
            return Optional.of("time zone \"" + prefixZone.get() + "\" in schedule \"" + schedule + "\" is not a known time zone");
        }
        Optional<String> problem = CronSchedule.problem(schedule);
        if (problem.isPresent()) {
            return Optional.of("schedule \"" + schedule + "\" is invalid: " + problem.get());
        }
        if (timeZone != null && CronSchedule.zoneProblem(timeZone).isPresent()) {
            return Optional.of(timeZone.isEmpty() ? "spec.timeZone is empty"
                    : "spec.timeZone \"" + timeZone + "\" is not a known time zone");
        }
        return Optional.empty();
    }

    private static Optional<Job> newestJob(ClusterSnapshot snapshot, CronJob cj) {
        return snapshot.list(Job.class, ClusterSnapshot.namespaceOrNull(cj)).stream()
                .filter(job -> ownedBy(job, cj))
                .max(Comparator.comparing(CronJobAnalyzer::created, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(j -> j.getStatus() == null ? null : WorkloadSupport.instant(j.getStatus().getStartTime()),
                                Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(j -> j.getMetadata().getName()));
    }

    private static Instant created(Job job) {
        return WorkloadSupport.instant(job.getMetadata().getCreationTimestamp());
    }

    private static boolean ownedBy(Job job, CronJob cj) {
        List<OwnerReference> refs = job.getMetadata().getOwnerReferences();
        if (refs == null) {
            return false;
        }
        String uid = cj.getMetadata().getUid();
        return refs.stream().anyMatch(r -> "CronJob".equals(r.getKind()) && cj.getMetadata().getName().equals(r.getName())
                && (uid == null || r.getUid() == null || uid.equals(r.getUid())));
    }
}
