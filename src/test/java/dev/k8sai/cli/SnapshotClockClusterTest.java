package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.testing.cluster.CommandResult;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 18 point 8: a snapshot is judged at the time it was taken — stdin now, a file at its modification
 * time, {@code --now} over both — not at its newest timestamp, which for a pod stuck in Terminating is its
 * creation, long before the deletion became overdue.
 *
 * <p>The pod is really deleted on the real API server (a finalizer holds it) and read with the real kubectl.
 * Being overdue takes the grace period plus 5 minutes; rather than wait, every timestamp of kubectl's output
 * is moved 10 minutes back, as if the same snapshot had been taken of a pod deleted 10 minutes ago.
 */
@RealCluster
class SnapshotClockClusterTest {

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Duration AGO = Duration.ofMinutes(10);

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) { }

    private static Run analyze(String stdin, String... args) {
        CommandLine cl = Main.newCommandLine();
        AnalyzeCommand analyze = (AnalyzeCommand) cl.getSubcommands().get("analyze").getCommand();
        analyze.env = Map.of("XDG_CONFIG_HOME", "/nonexistent", "XDG_CACHE_HOME", "/nonexistent");
        analyze.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        analyze.stdinTerminal = false;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** kubectl's output with every timestamp moved back by {@link #AGO}. */
    private static String takenAgo(String yaml) {
        Matcher m = TIMESTAMP.matcher(yaml);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Instant.parse(m.group()).minus(AGO).toString());
        }
        m.appendTail(sb);
        return sb.toString();
    }

    @Test
    void aStuckTerminatingPodPipedFromKubectlIsReported(TestCluster cluster, TestNamespace ns) throws Exception {
        ns.apply("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: stuck
                  finalizers: [k8s-ai-agent.test/hold]
                spec:
                  terminationGracePeriodSeconds: 30
                  containers: [{name: app, image: nginx:1.27}]
                """);
        try {
            CommandResult deleted = cluster.kubectl("delete", "pod", "stuck", "-n", ns.name(), "--wait=false");
            assertThat(deleted.ok()).as(deleted.stderr()).isTrue();
            CommandResult got = cluster.kubectl("get", "pods", "-n", ns.name(), "-o", "yaml");
            assertThat(got.ok()).as(got.stderr()).isTrue();
            assertThat(got.stdout()).contains("deletionTimestamp");
            String snapshot = takenAgo(got.stdout());

            Run piped = analyze(snapshot, "analyze", "-f", "-", "--no-color");
            assertThat(piped.out()).as(piped.err()).contains("StuckTerminating").contains("stuck");

            // The same snapshot judged at the (shifted) time it was taken: not overdue yet.
            Instant taken = Instant.now().minus(AGO);
            Run then = analyze(snapshot, "analyze", "-f", "-", "--now", taken.toString(), "--no-color");
            assertThat(then.exit()).as(then.err()).isZero();
            assertThat(then.out()).doesNotContain("StuckTerminating");

            // A file: judged at its modification time.
            Path file = tmp.resolve("pods.yaml");
            Files.writeString(file, snapshot);
            assertThat(analyze("", "analyze", "-f", file.toString(), "--no-color").out()).contains("StuckTerminating");
            Files.setLastModifiedTime(file, FileTime.from(taken));
            assertThat(analyze("", "analyze", "-f", file.toString(), "--no-color").out()).doesNotContain("StuckTerminating");
        } finally {
            // let the namespace go
            cluster.client().pods().inNamespace(ns.name()).withName("stuck").edit(p -> {
                p.getMetadata().setFinalizers(List.of());
                return p;
            });
        }
    }

    @Test
    void nowMustBeRfc3339AndOnlyWithAFile() {
        Run bad = analyze("", "analyze", "-f", "-", "--now", "yesterday");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("k8s-ai-agent: --now wants an RFC 3339 time such as 2026-12-01T10:00:00Z, not 'yesterday'\n");
        Run live = analyze("", "--kubeconfig", "/nonexistent", "analyze", "--now", "2026-12-01T10:00:00Z");
        assertThat(live.exit()).isEqualTo(2);
        assertThat(live.err()).startsWith("k8s-ai-agent: --now applies to a snapshot file (-f)").doesNotContain("\n\n");
    }
}
