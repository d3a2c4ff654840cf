package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.cluster.LiveSnapshotSource.LogRequest;
import dev.k8sai.redact.Redactor;
import dev.k8sai.report.Finding;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Live mode only: the last lines a failing container printed are usually the answer ("connection
 * refused", a stack trace, "permission denied"), so pods with a crash-looping, OOM-killed or
 * error-terminated container get their log tail as evidence. Text is redacted before it becomes
 * evidence, because evidence is what --explain sends.
 */
final class AnalyzeLogEvidence {

    /** Lines asked of the kubelet per container (kubectl logs --tail). */
    static final int TAIL_LINES = 20;
    /** Bytes kept per container: the end of the tail, where the error usually is. */
    static final int MAX_BYTES = 2048;
    /** Pods whose logs are read per run: each is a kubelet round trip. */
    static final int MAX_PODS = 10;

    /** The pod findings that a log tail explains; other pod reasons (image pull, config) have no useful log. */
    static final Set<String> REASONS = Set.of("CrashLoopBackOff", "OOMKilled", "PodFailed", "HighRestartCount");

    private AnalyzeLogEvidence() {
    }

    /** Which container logs to read for these findings, at most {@link #MAX_PODS} pods, most severe first. */
    static List<LogRequest> requests(ClusterSnapshot snapshot, List<Finding> findings) {
        Set<String> seenPods = new LinkedHashSet<>();
        List<LogRequest> requests = new ArrayList<>();
        for (Finding f : findings.stream().sorted(dev.k8sai.report.FindingsReport.ORDER).toList()) {
            if (!isLogFinding(f) || seenPods.contains(f.namespace() + "/" + f.name()) || seenPods.size() >= MAX_PODS) {
                continue;
            }
            var pod = snapshot.get(Pod.class, f.namespace(), f.name());
            if (pod.isEmpty() || pod.get().getStatus() == null) {
                continue;
            }
            seenPods.add(f.namespace() + "/" + f.name());
            List<ContainerStatus> statuses = new ArrayList<>();
            if (pod.get().getStatus().getInitContainerStatuses() != null) {
                statuses.addAll(pod.get().getStatus().getInitContainerStatuses());
            }
            if (pod.get().getStatus().getContainerStatuses() != null) {
                statuses.addAll(pod.get().getStatus().getContainerStatuses());
            }
            for (ContainerStatus cs : statuses) {
                Boolean previous = whichRun(cs);
                if (previous != null) {
                    requests.add(new LogRequest(f.namespace(), f.name(), cs.getName(), previous));
                }
            }
        }
        return requests;
    }

    /** true: the previous run's log; false: the current (terminated) run's; null: nothing worth reading. */
    static Boolean whichRun(ContainerStatus cs) {
        var state = cs.getState();
        if (state != null && state.getWaiting() != null && "CrashLoopBackOff".equals(state.getWaiting().getReason())) {
            return true;
        }
        if (state != null && failed(state.getTerminated())) {
            return false;
        }
        if (cs.getLastState() != null && failed(cs.getLastState().getTerminated())) {
            return true;
        }
        return null;
    }

    private static boolean failed(ContainerStateTerminated t) {
        return t != null && ("OOMKilled".equals(t.getReason()) || (t.getExitCode() != null && t.getExitCode() != 0));
    }

    private static boolean isLogFinding(Finding f) {
        return "pod".equals(f.analyzer()) && "Pod".equals(f.kind()) && REASONS.contains(f.reason());
    }

    /** "log tail (app): …" lines: the last {@link #MAX_BYTES} of the text, redacted, blank lines dropped. */
    static List<String> evidence(String container, boolean previous, String raw) {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        String text = raw;
        if (bytes.length > MAX_BYTES) {
            text = new String(bytes, bytes.length - MAX_BYTES, MAX_BYTES, StandardCharsets.UTF_8);
            // Drop the (probably cut) first line, and a replacement char from a split code point.
            int nl = text.indexOf('\n');
            text = nl >= 0 ? text.substring(nl + 1) : text.replace("\uFFFD", "");
        }
        String redacted = Redactor.redact(text).text();
        String prefix = "log tail (" + container + (previous ? ", previous run" : "") + "): ";
        List<String> lines = redacted.lines().map(String::stripTrailing).filter(l -> !l.isBlank()).toList();
        // The end of the log is where the error is.
        return lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()).stream().map(l -> prefix + l).toList();
    }

    /** Adds each pod's log lines to its first (most severe) log-worthy finding. */
    static List<Finding> attach(List<Finding> findings, Map<LogRequest, String> tails) {
        Map<String, List<String>> byPod = new LinkedHashMap<>();
        tails.forEach((r, text) -> byPod.computeIfAbsent(r.namespace() + "/" + r.pod(), k -> new ArrayList<>())
                .addAll(evidence(r.container(), r.previous(), text)));
        Set<String> done = new HashSet<>();
        List<Finding> sorted = findings.stream().sorted(dev.k8sai.report.FindingsReport.ORDER).toList();
        Map<Finding, Finding> replaced = new LinkedHashMap<>();
        for (Finding f : sorted) {
            String key = f.namespace() + "/" + f.name();
            if (isLogFinding(f) && byPod.containsKey(key) && done.add(key) && !byPod.get(key).isEmpty()) {
                List<String> evidence = new ArrayList<>(f.evidence() == null ? List.of() : f.evidence());
                evidence.addAll(byPod.get(key));
                replaced.put(f, f.withEvidence(evidence));
            }
        }
        return findings.stream().map(f -> replaced.getOrDefault(f, f)).toList();
    }
}
