package dev.k8sai.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {

    @Test
    void heavyStderrAndStdoutDoNotDeadlockAndAreCapped() throws Exception {
        // 1 MB on each stream, well past the pipe buffers: both must be drained concurrently
        String script = "i=0; while [ $i -lt 20000 ]; do echo 0123456789012345678901234567890123456789012345678; "
                + "echo 0123456789012345678901234567890123456789012345678 >&2; i=$((i+1)); done";
        long start = System.nanoTime();
        ProcessRunner.Result r = ProcessRunner.run(List.of("/bin/sh", "-c", script), Duration.ofSeconds(60), 1000, 500, null);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
        assertThat(r.timedOut()).isFalse();
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).hasSize(1000);
        assertThat(r.stdoutTruncated()).isTrue();
        assertThat(r.stdoutBytes()).isEqualTo(1_000_000);
        assertThat(r.stderr()).hasSize(500);
        assertThat(r.stderrTruncated()).isTrue();
    }

    @Test
    void stdinIsClosedSoReadersEnd() throws Exception {
        ProcessRunner.Result r = ProcessRunner.run(List.of("cat"), Duration.ofSeconds(10), 1000, 1000, null);
        assertThat(r.timedOut()).isFalse();
        assertThat(r.stdout()).isEmpty();
        assertThat(ProcessRunner.run(List.of("cat"), Duration.ofSeconds(10), 1000, 1000, "in\n").stdout()).isEqualTo("in\n");
    }

    @Test
    void argumentsAreNotInterpretedByAShell() throws Exception {
        ProcessRunner.Result r = ProcessRunner.run(List.of("echo", "$(id)", ";", "`id`"), Duration.ofSeconds(10), 1000, 1000, null);
        assertThat(r.stdout()).isEqualTo("$(id) ; `id`\n");
    }

    @Test
    void cancellingEndsTheRunningProcess() throws Exception {
        dev.k8sai.CancellationToken token = new dev.k8sai.CancellationToken();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            token.cancel();
        });
        long start = System.nanoTime();
        ProcessRunner.Result r = ProcessRunner.run(List.of("sleep", "30"), java.util.Map.of(), Duration.ofSeconds(60), 1000, 1000, null, token);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(r.exitCode()).isNotZero();
    }
}
