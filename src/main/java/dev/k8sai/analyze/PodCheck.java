package dev.k8sai.analyze;

import static dev.k8sai.analyze.WorkloadSupport.age;
import static dev.k8sai.analyze.WorkloadSupport.human;
import static dev.k8sai.analyze.PodAnalyzer.*;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/** The checks of {@link PodAnalyzer} for one pod; collects findings and the facts that suppress later ones. */
final class PodCheck {
    private final ClusterSnapshot snapshot;
    private final Pod pod;
    private final PodStatus status;
    private final List<Finding> findings = new ArrayList<>();
    /** "ConfigMap/name" / "Secret/name" already named by a CreateContainerConfigError. */
    private final Set<String> namedByConfigError = new HashSet<>();
    private boolean containerProblem;

    PodCheck(ClusterSnapshot snapshot, Pod pod) {
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
        ContainerStateWaiting waiting = cs.getState() == null ? null : cs.getState().getWaiting();
        ContainerStateTerminated current = cs.getState() == null ? null : cs.getState().getTerminated();
        ContainerStateTerminated last = cs.getLastState() == null ? null : cs.getLastState().getTerminated();
        int restarts = WorkloadSupport.orZero(cs.getRestartCount());
        String waitingReason = waiting == null ? "" : String.valueOf(waiting.getReason());
        switch (waitingReason) {
            case "ImagePullBackOff", "ErrImagePull", "InvalidImageName" -> {
                add(Severity.CRITICAL, "ImagePullBackOff", named(cs, init) + " cannot pull image " + cs.getImage()
                        + " (" + waitingReason + (waiting.getMessage() == null ? "" : ": " + quote(waiting.getMessage())) + ")");
                return true;
            }
            case "CreateContainerConfigError" -> {
                add(Severity.CRITICAL, "CreateContainerConfigError", named(cs, init) + " cannot start: " + configError(waiting.getMessage()));
                return true;
            }
            case "CreateContainerError", "RunContainerError" -> {
                add(Severity.CRITICAL, "CreateContainerError", named(cs, init) + " cannot be created (" + waitingReason + ")"
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
            add(Severity.CRITICAL, "OOMKilled", named(cs, init) + " was OOMKilled" + limit(cs)
                    + (oom == last ? " in its last run" : "") + "; restarted " + restarts + " times"
                    + (crashLoop ? " and now waits in CrashLoopBackOff" : ""));
            return true;
        }
        if (crashLoop) {
            String lastExit = last == null ? "" : "; last exit code " + last.getExitCode()
                    + (last.getReason() == null ? "" : " (" + last.getReason() + ")");
            add(Severity.CRITICAL, "CrashLoopBackOff", named(cs, init) + " restarted " + restarts + " times" + lastExit);
            return true;
        }
        boolean running = cs.getState() != null && cs.getState().getRunning() != null;
        if (running && restarts >= HIGH_RESTART_THRESHOLD) {
            String lastExit = last == null ? "" : "; last exit code " + last.getExitCode()
                    + (last.getReason() == null ? "" : " (" + last.getReason() + ")");
            add(Severity.WARNING, "HighRestartCount", named(cs, init) + " is running but has restarted " + restarts + " times" + lastExit);
            return true;
        }
        return false;
    }

    /** "init container x" / "container x"; built only for a finding (it was per container of every pod). */
    private static String named(ContainerStatus cs, boolean init) {
        return (init ? "init " : "") + who(cs);
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
        if (status.getConditions() != null) {
            for (PodCondition c : status.getConditions()) { // a loop: a stream per pod cost several times more under C1
                if (type.equals(c.getType())) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
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
