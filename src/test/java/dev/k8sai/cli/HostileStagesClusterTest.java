package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.llm.ToolCall;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 10, class 6: a hostile model sends stage programs that recurse, loop or backtrack without end.
 * Each tool call ends within its deadline with one line to the model, and the run goes on to its answer.
 */
@RealCluster
class HostileStagesClusterTest {

    private ScriptedLlmServer server;
    @TempDir
    Path tmp;

    @BeforeEach
    void start() {
        server = ScriptedLlmServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void runawayStagesFailTheirToolCallWithOneLineAndTheRunGoesOn(TestCluster cluster, TestNamespace ns) {
        ns.apply("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: long}\ndata: {v: " + "a".repeat(30_000) + "}\n");
        String json = "kubectl get cm long -n " + ns.name() + " -o json | ";
        List<String> commands = List.of(
                json + "jq 'def f: f; f'",
                json + "jq 'until(false; .)'",
                json + "jq 'reduce range(1e15) as $x (0; . + 1)'",
                json + "jq '[recurse(. + 1)]'",
                json + "jq -r '.data.v' | grep -E '(.*a){25}b'",
                json + "jq -r '.data.v' | awk '/(a|aa)*b/ {print NR}'",
                "kubectl get cm long -n " + ns.name() + " -o jsonpath={.data.v} | grep -c '\\(a*\\)*b'");
        for (int i = 0; i < commands.size(); i++) {
            server.toolCalls(new ToolCall("c" + i, "kubectl", "{\"command\": \"" + commands.get(i).replace("\\", "\\\\").replace("\"", "\\\"") + "\"}"));
        }
        server.reply("The filters did not work; here is what I know.");

        long start = System.nanoTime();
        Result r = run(cluster);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("StackOverflowError").doesNotContain("\tat ");
        assertThat(r.out()).contains("here is what I know");
        assertThat(server.requestCount()).isEqualTo(commands.size() + 1);
        for (int i = 1; i <= 4; i++) {
            String observation = ScriptedLlmServer.messageContents(server.chatRequests().get(i)).getLast().strip();
            assertThat(observation).startsWith("jq: ").doesNotContain("\n").hasSizeLessThan(300);
        }
        for (int i = 5; i <= 7; i++) {
            String observation = ScriptedLlmServer.messageContents(server.chatRequests().get(i)).getLast();
            assertThat(observation).satisfiesAnyOf(o -> assertThat(o).contains("(no output)"), o -> assertThat(o.strip()).isEqualTo("0"));
        }
        // four jq deadlines at most (4 s each) plus kubectl runs; far below the minutes a hang would take
        assertThat(took).isLessThan(Duration.ofSeconds(60));
    }

    record Result(int exit, String out, String err) { }

    private Result run(TestCluster cluster) {
        CommandLine cl = Main.newCommandLine();
        ExecuteCommand execute = (ExecuteCommand) cl.getSubcommands().get("execute").getCommand();
        execute.env = new HashMap<>(Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test",
                "K8S_AI_AGENT_KUBECTL", cluster.kubectlBinary().toString(), "XDG_CONFIG_HOME", tmp.resolve("config").toString()));
        execute.confirmer = q -> false;
        execute.stdin = new ByteArrayInputStream(new byte[0]);
        execute.stdinPiped = false;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute("--kubeconfig", cluster.kubeconfig().toString(), "--max-iterations", "20", "execute", "read the long config map");
        return new Result(exit, out.toString(), err.toString());
    }
}
