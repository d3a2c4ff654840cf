package dev.k8sai.analyze;

import static dev.k8sai.analyze.WorkloadSupport.age;
import static dev.k8sai.analyze.WorkloadSupport.human;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
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
    private static final long DEFAULT_GRACE_SECONDS = 30;
    private static final int MAX_QUOTE = 300;

    private static final Pattern OBJECT_NOT_FOUND = Pattern.compile("(?i)\\b(configmap|secret) \"([^\"]+)\" not found");
    private static final Pattern KEY_NOT_FOUND =
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
                result.addAll(new Check(snapshot, pod).run());
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

    /** The checks for one pod; collects findings and the facts that suppress later ones. */
    private static final class Check {
        private final ClusterSnapshot snapshot;
        private final Pod pod;
        private final PodStatus status;
        private final List<Finding> findings = new ArrayList<>();
        /** "ConfigMap/name" / "Secret/name" already named by a CreateContainerConfigError. */
        private final Set<String> namedByConfigError = new HashSet<>();
        private boolean containerProblem;

        Check(ClusterSnapshot snapshot, Pod pod) {
            this.snapshot = snapshot;
            this.pod = pod;
            this.status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        }

        List<Finding> run() {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                stuckTerminating();
                return findings;
            }
            String phase = status.getPhase();
            if ("Succeeded".equals(phase)) {
                return findings;
            }
            if ("Failed".equals(phase)) {
                if (!ownedByCollectedJob()) {
                    failed();
                }
                return findings;
            }
            unschedulable();
            containers(status.getInitContainerStatuses(), true);
            containers(status.getContainerStatuses(), false);
            boolean volumeMissing = PodReferences.check(snapshot, pod, namedByConfigError, this::add);
            if (!volumeMissing) {
                failedMount();
            }
            if (!containerProblem && "Running".equals(phase)) {
                readiness();
            }
            return findings;
        }

        private void add(Severity severity, String reason, String message) {
            findings.add(WorkloadSupport.finding(NAME, snapshot, pod, severity, reason, message));
        }

        private void stuckTerminating() {
            Duration overdue = age(snapshot, pod.getMetadata().getDeletionTimestamp());
            long grace = graceSeconds();
            if (overdue == null || overdue.compareTo(Duration.ofSeconds(grace).plus(TERMINATING_MARGIN)) <= 0) {
                return;
            }
            List<String> finalizers = pod.getMetadata().getFinalizers();
            String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            add(Severity.WARNING, "StuckTerminating", "pod has been terminating for " + human(overdue)
                    + " past its deletion time (grace period " + grace + "s)"
                    + (node == null ? "" : " on node " + node)
                    + (finalizers == null || finalizers.isEmpty() ? "" : "; finalizers: " + String.join(", ", finalizers)));
        }

        private long graceSeconds() {
            if (pod.getMetadata().getDeletionGracePeriodSeconds() != null) {
                return pod.getMetadata().getDeletionGracePeriodSeconds();
            }
            if (pod.getSpec() != null && pod.getSpec().getTerminationGracePeriodSeconds() != null) {
                return pod.getSpec().getTerminationGracePeriodSeconds();
            }
            return DEFAULT_GRACE_SECONDS;
        }

        private boolean ownedByCollectedJob() {
            return Owners.controllerOf(pod)
                    .filter(ref -> "Job".equals(ref.getKind()))
                    .flatMap(ref -> snapshot.get(Job.class, pod.getMetadata().getNamespace(), ref.getName()))
                    .isPresent();
        }

        private void failed() {
            if ("Evicted".equals(status.getReason())) {
                add(Severity.WARNING, "Evicted", "pod was evicted: " + quote(status.getMessage()));
                return;
            }
            List<ContainerStatus> all = allStatuses();
            for (ContainerStatus cs : all) {
                ContainerStateTerminated t = cs.getState() == null ? null : cs.getState().getTerminated();
                if (t != null && "OOMKilled".equals(t.getReason())) {
                    add(Severity.CRITICAL, "OOMKilled", who(cs) + " was OOMKilled" + limit(cs) + " and the pod failed");
                    return;
                }
            }
            StringBuilder message = new StringBuilder("pod failed");
            if (status.getReason() != null) {
                message.append(" (").append(status.getReason()).append(')');
            }
            if (status.getMessage() != null) {
                message.append(": ").append(quote(status.getMessage()));
            }
            List<String> exits = new ArrayList<>();
            for (ContainerStatus cs : all) {
                ContainerStateTerminated t = cs.getState() == null ? null : cs.getState().getTerminated();
                if (t != null && t.getExitCode() != null && t.getExitCode() != 0) {
                    exits.add(who(cs) + " exited with code " + t.getExitCode()
                            + (t.getReason() == null ? "" : " (" + t.getReason() + ")"));
                }
            }
            if (!exits.isEmpty()) {
                message.append("; ").append(String.join(", ", exits));
            }
            add(Severity.CRITICAL, "PodFailed", message.toString());
        }

        private void unschedulable() {
            condition("PodScheduled")
                    .filter(c -> "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason()))
                    .ifPresent(c -> add(Severity.CRITICAL, "Unschedulable",
                            "pod cannot be scheduled: " + quote(c.getMessage())));
        }

        private void containers(List<ContainerStatus> statuses, boolean init) {
            if (statuses == null) {
                return;
            }
            for (ContainerStatus cs : statuses) {
                if (container(cs, init)) {
                    containerProblem = true;
                }
            }
        }

        /** At most one finding for this container; true when one was added. */
        private boolean container(ContainerStatus cs, boolean init) {
            String who = (init ? "init " : "") + who(cs);
            ContainerStateWaiting waiting = cs.getState() == null ? null : cs.getState().getWaiting();
            ContainerStateTerminated current = cs.getState() == null ? null : cs.getState().getTerminated();
            ContainerStateTerminated last = cs.getLastState() == null ? null : cs.getLastState().getTerminated();
            int restarts = WorkloadSupport.orZero(cs.getRestartCount());
            String waitingReason = waiting == null ? "" : String.valueOf(waiting.getReason());
            switch (waitingReason) {
                case "ImagePullBackOff", "ErrImagePull", "InvalidImageName" -> {
                    add(Severity.CRITICAL, "ImagePullBackOff", who + " cannot pull image " + cs.getImage()
                            + " (" + waitingReason + (waiting.getMessage() == null ? "" : ": " + quote(waiting.getMessage())) + ")");
                    return true;
                }
                case "CreateContainerConfigError" -> {
                    add(Severity.CRITICAL, "CreateContainerConfigError", who + " cannot start: " + configError(waiting.getMessage()));
                    return true;
                }
                case "CreateContainerError", "RunContainerError" -> {
                    add(Severity.CRITICAL, "CreateContainerError", who + " cannot be created (" + waitingReason + ")"
                            + (waiting.getMessage() == null ? "" : ": " + quote(waiting.getMessage())));
                    return true;
                }
                default -> {
                    // other waiting reasons (ContainerCreating, PodInitializing, CrashLoopBackOff) below
                }
            }
            boolean crashLoop = "CrashLoopBackOff".equals(waitingReason);
            ContainerStateTerminated oom = current != null && "OOMKilled".equals(current.getReason()) ? current
                    : last != null && "OOMKilled".equals(last.getReason()) ? last : null;
            if (oom != null) {
                add(Severity.CRITICAL, "OOMKilled", who + " was OOMKilled" + limit(cs)
                        + (oom == last ? " in its last run" : "") + "; restarted " + restarts + " times"
                        + (crashLoop ? " and now waits in CrashLoopBackOff" : ""));
                return true;
            }
            if (crashLoop) {
                String lastExit = last == null ? "" : "; last exit code " + last.getExitCode()
                        + (last.getReason() == null ? "" : " (" + last.getReason() + ")");
                add(Severity.CRITICAL, "CrashLoopBackOff", who + " restarted " + restarts + " times" + lastExit);
                return true;
            }
            boolean running = cs.getState() != null && cs.getState().getRunning() != null;
            if (running && restarts >= HIGH_RESTART_THRESHOLD) {
                String lastExit = last == null ? "" : "; last exit code " + last.getExitCode()
                        + (last.getReason() == null ? "" : " (" + last.getReason() + ")");
                add(Severity.WARNING, "HighRestartCount", who + " is running but has restarted " + restarts + " times" + lastExit);
                return true;
            }
            return false;
        }

        /** Names the missing object or key from the kubelet's message, and remembers the object. */
        private String configError(String message) {
            if (message == null) {
                return "its configuration could not be resolved";
            }
            Matcher key = KEY_NOT_FOUND.matcher(message);
            if (key.find()) {
                return "key " + key.group(1) + " is missing from " + key.group(2) + " " + key.group(3);
            }
            Matcher object = OBJECT_NOT_FOUND.matcher(message);
            if (object.find()) {
                String kind = object.group(1).equalsIgnoreCase("configmap") ? "ConfigMap" : "Secret";
                namedByConfigError.add(kind + "/" + object.group(2));
                return kind + " " + object.group(2) + " does not exist";
            }
            return quote(message);
        }

        private void failedMount() {
            if (!"Pending".equals(status.getPhase())) {
                return;
            }
            boolean anyRunning = allStatuses().stream()
                    .anyMatch(cs -> cs.getState() != null && cs.getState().getRunning() != null);
            if (anyRunning) {
                return;
            }
            Optional<Event> newest = Evidence.warningEventList(snapshot, pod).stream()
                    .filter(e -> "FailedMount".equals(e.getReason()) || "FailedAttachVolume".equals(e.getReason()))
                    .findFirst();
            if (newest.isEmpty()) {
                // warningEventList is bounded; fall back to the full list
                newest = snapshot.eventsFor(pod).stream()
                        .filter(e -> "Warning".equals(e.getType()))
                        .filter(e -> "FailedMount".equals(e.getReason()) || "FailedAttachVolume".equals(e.getReason()))
                        .reduce((a, b) -> b);
            }
            newest.ifPresent(e -> {
                Duration waiting = age(snapshot, status.getStartTime() != null ? status.getStartTime()
                        : pod.getMetadata().getCreationTimestamp());
                add(Severity.CRITICAL, "FailedMount", "pod is stuck in ContainerCreating"
                        + (waiting == null ? "" : " for " + human(waiting)) + " (" + e.getReason() + "): " + quote(e.getMessage()));
            });
        }

        private void readiness() {
            Optional<PodCondition> ready = condition("Ready");
            if (ready.isPresent() && "True".equals(ready.get().getStatus())) {
                return;
            }
            List<Event> unhealthy = snapshot.eventsFor(pod).stream()
                    .filter(e -> "Warning".equals(e.getType()) && "Unhealthy".equals(e.getReason()))
                    .filter(e -> e.getMessage() != null && e.getMessage().startsWith("Readiness probe"))
                    .toList();
            Duration notReady = ready.map(c -> age(snapshot, c.getLastTransitionTime()))
                    .orElseGet(() -> age(snapshot, status.getStartTime()));
            boolean longEnough = notReady != null && notReady.compareTo(NOT_READY_WINDOW) >= 0;
            if (unhealthy.isEmpty() && !longEnough) {
                return;
            }
            List<ContainerStatus> notReadyStatuses = status.getContainerStatuses() == null ? List.of()
                    : status.getContainerStatuses().stream().filter(cs -> !Boolean.TRUE.equals(cs.getReady())).toList();
            List<String> notReadyContainers = notReadyStatuses.stream()
                    .filter(cs -> !stillStarting(cs)).map(ContainerStatus::getName).toList();
            if (!notReadyStatuses.isEmpty() && notReadyContainers.isEmpty()) {
                return; // every unready container is still in its startup probe
            }
            StringBuilder message = new StringBuilder("pod is Running but not Ready");
            if (notReady != null) {
                message.append(" for ").append(human(notReady));
            }
            message.append(notReadyContainers.isEmpty() ? "; all containers are ready (readiness gates pending)"
                    : "; containers not ready: " + String.join(", ", notReadyContainers));
            unhealthy.stream().reduce((a, b) -> b).ifPresent(e -> message.append("; last probe failure: ").append(quote(e.getMessage())));
            add(Severity.WARNING, "ReadinessProbeFailing", message.toString());
        }

        /** A container with a startupProbe that has not passed yet: its readiness probe does not run. */
        private boolean stillStarting(ContainerStatus cs) {
            if (!Boolean.FALSE.equals(cs.getStarted()) || pod.getSpec() == null || pod.getSpec().getContainers() == null) {
                return false;
            }
            return pod.getSpec().getContainers().stream()
                    .anyMatch(c -> Objects.equals(c.getName(), cs.getName()) && c.getStartupProbe() != null);
        }

        private Optional<PodCondition> condition(String type) {
            return status.getConditions() == null ? Optional.empty()
                    : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
        }

        private List<ContainerStatus> allStatuses() {
            List<ContainerStatus> all = new ArrayList<>();
            if (status.getInitContainerStatuses() != null) {
                all.addAll(status.getInitContainerStatuses());
            }
            if (status.getContainerStatuses() != null) {
                all.addAll(status.getContainerStatuses());
            }
            return all;
        }

        /** " (memory limit 128Mi)" from the pod spec, or "" when the container has no limit. */
        private String limit(ContainerStatus cs) {
            if (pod.getSpec() == null) {
                return "";
            }
            List<Container> containers = new ArrayList<>();
            if (pod.getSpec().getInitContainers() != null) {
                containers.addAll(pod.getSpec().getInitContainers());
            }
            if (pod.getSpec().getContainers() != null) {
                containers.addAll(pod.getSpec().getContainers());
            }
            return containers.stream().filter(c -> Objects.equals(cs.getName(), c.getName())).findFirst()
                    .map(c -> c.getResources() == null || c.getResources().getLimits() == null ? null
                            : c.getResources().getLimits().get("memory"))
                    .map(Quantity::toString).map(q -> " (memory limit " + q + ")").orElse("");
        }
    }

    private static String who(ContainerStatus cs) {
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
