package dev.k8sai.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.cluster.LiveSnapshotSource.LogRequest;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyzeLogEvidenceTest {

    static ContainerStatus crashLooping(String name) {
        return new ContainerStatusBuilder().withName(name).withRestartCount(7)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error").endTerminated().endLastState()
                .build();
    }

    static ContainerStatus running(String name) {
        return new ContainerStatusBuilder().withName(name).withNewState().withNewRunning().endRunning().endState().build();
    }

    static ContainerStatus terminatedWithError(String name) {
        return new ContainerStatusBuilder().withName(name)
                .withNewState().withNewTerminated().withExitCode(2).withReason("Error").endTerminated().endState().build();
    }

    static Pod pod(String name, List<ContainerStatus> init, List<ContainerStatus> main) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata()
                .withNewStatus().withPhase("Running").withInitContainerStatuses(init).withContainerStatuses(main).endStatus()
                .build();
    }

    static Finding finding(String pod, String reason, Severity severity) {
        return Finding.of("pod", "Pod", "shop", pod, severity, reason, "m");
    }

    @Test
    void picksFailingContainersAndTheRightRun() {
        ClusterSnapshot snapshot = ClusterSnapshot.builder("t", Instant.parse("2026-03-01T12:00:00Z"))
                .addAll(List.of(pod("a", List.of(), List.of(crashLooping("app"), running("sidecar"))),
                        pod("b", List.of(terminatedWithError("migrate")), List.of()),
                        pod("c", List.of(), List.of(crashLooping("app")))))
                .build();
        List<LogRequest> requests = AnalyzeLogEvidence.requests(snapshot, List.of(
                finding("a", "CrashLoopBackOff", Severity.CRITICAL),
                finding("a", "HighRestartCount", Severity.WARNING),
                finding("b", "PodFailed", Severity.CRITICAL),
                // Image pull problems have no log worth reading.
                finding("c", "ImagePullBackOff", Severity.CRITICAL)));
        assertThat(requests).containsExactlyInAnyOrder(
                new LogRequest("shop", "a", "app", true),
                new LogRequest("shop", "b", "migrate", false));
    }

    @Test
    void atMostTenPods() {
        ClusterSnapshot.Builder b = ClusterSnapshot.builder("t", Instant.parse("2026-03-01T12:00:00Z"));
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            b.add(pod("p" + i, List.of(), List.of(crashLooping("app"))));
            findings.add(finding("p" + i, "CrashLoopBackOff", Severity.CRITICAL));
        }
        assertThat(AnalyzeLogEvidence.requests(b.build(), findings)).hasSize(AnalyzeLogEvidence.MAX_PODS);
    }

    @Test
    void tailIsBoundedRedactedAndAttachedOnce() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            log.append("line ").append(i).append(" padding padding padding padding\n");
        }
        log.append("connecting to postgres://app:Hunter2Secret@db:5432/shop\n");
        log.append("Error: password authentication failed\n");
        List<String> lines = AnalyzeLogEvidence.evidence("app", true, log.toString());
        assertThat(lines).hasSizeLessThanOrEqualTo(AnalyzeLogEvidence.TAIL_LINES)
                .allMatch(l -> l.startsWith("log tail (app, previous run): "));
        assertThat(String.join("\n", lines)).doesNotContain("Hunter2Secret").contains("postgres://")
                .endsWith("Error: password authentication failed");
        assertThat(String.join("", lines).length()).isLessThan(AnalyzeLogEvidence.MAX_BYTES + 30 * lines.size());

        Finding crash = finding("a", "CrashLoopBackOff", Severity.CRITICAL).withEvidence(List.of("event BackOff x3: …"));
        Finding restarts = finding("a", "HighRestartCount", Severity.WARNING);
        List<Finding> out = AnalyzeLogEvidence.attach(List.of(restarts, crash),
                Map.of(new LogRequest("shop", "a", "app", true), "boom\n"));
        assertThat(out.get(1).evidence()).containsExactly("event BackOff x3: …", "log tail (app, previous run): boom");
        assertThat(out.get(0).evidence()).isNullOrEmpty();
    }
}
