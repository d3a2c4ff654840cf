package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.llm.ToolCall;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import dev.k8sai.testing.llm.ScriptedLlmTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, class 6: a hostile model sends stage programs that recurse, loop or backtrack without end.
 * Each tool call ends within its deadline with one line to the model, and the run goes on to its answer.
 */
@RealCluster
class HostileStagesClusterTest extends ScriptedLlmTest {


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
        ScriptedExecute.Result r = ScriptedExecute.run(server, cluster, tmp.resolve("config"), false, "",
                "--max-iterations", "20", "execute", "read the long config map");
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

}
