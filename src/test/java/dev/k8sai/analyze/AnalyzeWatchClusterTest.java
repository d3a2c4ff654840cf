package dev.k8sai.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.cli.Main;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code analyze --watch -o json} through Main against the real API server: after the first report,
 * a pod's status written on the server (as a kubelet would) makes a CrashLoopBackOff line appear;
 * writing it healthy again makes a cleared line appear; interrupting ends the command.
 */
@RealCluster
class AnalyzeWatchClusterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aStatusChangeOnTheServerAppearsAndClears(TestCluster cluster, TestNamespace ns) throws Exception {
        KubernetesClient client = cluster.client();
        AnalyzeCorrectnessClusterTest.awaitDefaultServiceAccount(client, ns.name());
        ns.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec: {containers: [{name: app, image: registry.example/web:1}]}
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread watcher = Thread.ofPlatform().start(() -> {
            CommandLine cl = Main.newCommandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            cl.execute("analyze", "--kubeconfig", cluster.kubeconfig().toString(), "-n", ns.name(), "--filter", "pod",
                    "--watch", "-o", "json");
        });
        try {
            awaitOutput(out, s -> s.contains("\"summary\""), "the first report");
            // the informers need their first LIST before changes count; a change before that is still seen
            Thread.sleep(1000);
            writeStatus(client, ns.name(), new ContainerStatusBuilder().withName("app").withImage("registry.example/web:1")
                    .withImageID("").withReady(false).withRestartCount(6)
                    .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                    .withMessage("back-off 5m0s restarting failed container=app").endWaiting().endState()
                    .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error").endTerminated().endLastState().build());
            JsonNode appeared = awaitChange(out, "appeared");
            assertThat(appeared.get("time").asText()).isNotBlank();
            assertThat(appeared.get("finding").get("name").asText()).isEqualTo("web");

            writeStatus(client, ns.name(), new ContainerStatusBuilder().withName("app").withImage("registry.example/web:1")
                    .withImageID("").withReady(true).withRestartCount(0)
                    .withNewState().withNewRunning().withStartedAt(Instant.now().toString()).endRunning().endState().build());
            JsonNode cleared = awaitChange(out, "cleared");
            assertThat(cleared.get("finding").get("reason").asText()).isEqualTo("CrashLoopBackOff");
        } finally {
            watcher.interrupt();
            watcher.join(10_000);
        }
        assertThat(watcher.isAlive()).as("--watch ends when interrupted").isFalse();
        assertThat(err.toString()).isEmpty();
    }

    private static void writeStatus(KubernetesClient client, String ns, io.fabric8.kubernetes.api.model.ContainerStatus container) {
        Pod pod = client.pods().inNamespace(ns).withName("web").get();
        pod.setStatus(new PodStatusBuilder().withPhase("Running").withStartTime(Instant.now().toString())
                .addNewCondition().withType("Ready").withStatus(container.getReady() ? "True" : "False").endCondition()
                .withContainerStatuses(container).build());
        client.pods().inNamespace(ns).resource(pod).updateStatus();
    }

    private static JsonNode awaitChange(StringWriter out, String change) throws Exception {
        String line = awaitOutput(out, s -> s.lines().anyMatch(l -> l.startsWith("{\"time\"") && l.contains("\"change\":\"" + change + "\"")
                && l.contains("CrashLoopBackOff")), "a " + change + " line")
                .lines().filter(l -> l.startsWith("{\"time\"") && l.contains("\"change\":\"" + change + "\"")).findFirst().orElseThrow();
        return JSON.readTree(line);
    }

    private static String awaitOutput(StringWriter out, Predicate<String> done, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        while (Instant.now().isBefore(deadline)) {
            String s = out.toString();
            if (done.test(s)) {
                return s;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + what + " within 40 s; output so far:\n" + out);
    }
}
