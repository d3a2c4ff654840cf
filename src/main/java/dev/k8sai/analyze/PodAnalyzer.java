package dev.k8sai.analyze;


import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pod checks (reason codes from shared/spec/findings.md, analyzer "pod").
 *
 * <p><b>Precedence</b> — one root cause is reported once, the symptoms it causes are not repeated:
 * <ol>
 *   <li>A pod with a {@code deletionTimestamp} is judged only for {@code StuckTerminating}: whatever
 *       else is wrong with it goes away with it.</li>
 *   <li>{@code Succeeded} pods yield nothing. {@code Failed} pods yield exactly one finding:
 *       {@code Evicted} (status reason Evicted), else {@code OOMKilled} when a container was
 *       OOM-killed, else {@code PodFailed}. Reference checks are skipped for terminal pods. A failed
 *       pod whose controlling Job is in the snapshot yields nothing: the Job either completed
 *       (retries leave failed pods behind) or the job analyzer reports it as {@code JobFailed}.
 *       Jobs are deliberately not in {@link #needs()}: with {@code --filter pod} no Job is read, so
 *       nobody else reports the outcome and the pod is judged.</li>
 *   <li>Per container (init containers first) at most one finding, in this order: waiting in
 *       {@code ImagePullBackOff}/{@code ErrImagePull}/{@code InvalidImageName},
 *       {@code CreateContainerConfigError}, {@code CreateContainerError}/{@code RunContainerError};
 *       then {@code OOMKilled} (current or last termination — this wins over
 *       {@code CrashLoopBackOff} because it names the cause of the loop); then {@code CrashLoopBackOff};
 *       then {@code HighRestartCount} (only for a container running now with at least
 *       {@value #HIGH_RESTART_THRESHOLD} restarts).</li>
 *   <li>{@code Unschedulable} is reported alongside reference findings (a missing PVC is the cause,
 *       the scheduler message is the symptom, and both name different things).</li>
 *   <li>{@code MissingConfigMap}/{@code MissingSecret} is not repeated for an object that a
 *       {@code CreateContainerConfigError} of the same pod already names.</li>
 *   <li>{@code FailedMount} is skipped when a volume's ConfigMap/Secret/PVC is already reported
 *       missing (that is what the mount failure says).</li>
 *   <li>{@code ReadinessProbeFailing} only when no container finding exists (a crashing container is
 *       never ready anyway). Only Warning {@code Unhealthy} events about the readiness probe count
 *       (startup and liveness probes use the same reason), and a container whose startupProbe has
 *       not yet succeeded ({@code started: false}) is not judged: the kubelet does not run its
 *       readiness probe before that.</li>
 * </ol>
 *
 * <p><b>Missing references</b> are checked only when that kind was collected. The ServiceAccount
 * "default" is treated like any other name: it counts as existing only if ServiceAccounts were
 * collected and it is present (the token controller creates it in every namespace, so its absence
 * is a real fault, and a snapshot without ServiceAccounts stays silent).
 *
 * <p><b>Windows</b> measured with {@link ClusterSnapshot#now()}: not Ready for
 * {@link #NOT_READY_WINDOW} (or any Unhealthy Warning event) → ReadinessProbeFailing; deletion
 * overdue by the grace period (deletionGracePeriodSeconds, else terminationGracePeriodSeconds,
 * else 30s) plus {@link #TERMINATING_MARGIN} → StuckTerminating. The API server already adds the
 * grace period to deletionTimestamp, so this errs on the quiet side.
 */
public final class PodAnalyzer implements Analyzer {

    static final String NAME = "pod";
    /** Restarts at or above this, with the container running now, are worth a warning. */
    static final int HIGH_RESTART_THRESHOLD = 5;
    /** A Running pod that has not been Ready this long is reported even without Unhealthy events. */
    static final Duration NOT_READY_WINDOW = Duration.ofMinutes(5);
    static final Duration TERMINATING_MARGIN = Duration.ofMinutes(5);
    static final long DEFAULT_GRACE_SECONDS = 30;
    private static final int MAX_QUOTE = 300;

    static final Pattern OBJECT_NOT_FOUND = Pattern.compile("(?i)\\b(configmap|secret) \"([^\"]+)\" not found");
    static final Pattern KEY_NOT_FOUND =
            Pattern.compile("couldn't find key (\\S+) in (ConfigMap|Secret) (?:[^/\\s]+/)?(\\S+)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(Pod.class, Event.class, ConfigMap.class, Secret.class, PersistentVolumeClaim.class,
                ServiceAccount.class);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> result = new ArrayList<>();
        for (Pod pod : snapshot.list(Pod.class)) {
            try {
                result.addAll(new PodCheck(snapshot, pod).run());
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return result;
    }

    @Override
    public List<FindingsReport.NotChecked> notChecked(ClusterSnapshot snapshot) {
        NotCheckedTally tally = new NotCheckedTally();
        snapshot.list(Pod.class).forEach(pod -> PodReferences.countUnjudged(snapshot, pod, tally));
        return tally.result();
    }

    static String who(ContainerStatus cs) {
        return "container " + cs.getName();
    }

    static String quote(String message) {
        if (message == null) {
            return "(no message)";
        }
        String flat = message.strip().replace('\n', ' ');
        return flat.length() > MAX_QUOTE ? flat.substring(0, MAX_QUOTE) + "…" : flat;
    }
}
