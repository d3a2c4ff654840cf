package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.llm.ToolCall;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import dev.k8sai.testing.llm.ScriptedLlmServer.Reply;
import dev.k8sai.testing.terminal.TmuxTerminal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, execute in a real terminal (tmux) against the real API server: the kubectl step is shown
 * on stderr by default, and the model's Markdown table arrives as aligned columns; piped, the same
 * answer stays plain Markdown.
 */
@RealCluster
class TerminalAnswerClusterTest {

    @TempDir
    Path tmp;

    private static final String[] ANSWER = {"## Pods\n\n| Pod | Status |\n|---|", "---|\n| payments-7c9d-x2x | **CrashLoopBackOff** |\n",
            "| web-1 | Running |\n\nRestart it with `kubectl rollout restart`.\n"};

    private TmuxTerminal execute(ScriptedLlmServer server, TestCluster cluster, TestNamespace ns, String redirect) throws Exception {
        server.toolCalls(new ToolCall("call_1", "kubectl", "{\"command\": \"kubectl get pods -n " + ns.name() + "\"}"));
        server.enqueue(new Reply.Slow(Duration.ofSeconds(2), Reply.fragments(ANSWER)));
        Map<String, String> env = Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test",
                "K8S_AI_AGENT_KUBECTL", cluster.kubectlBinary().toString(), "XDG_CONFIG_HOME", tmp.resolve("config").toString());
        return TmuxTerminal.start(tmp, env, TmuxTerminal.cli("--kubeconfig", cluster.kubeconfig().toString(), "-n", ns.name(),
                "execute", "which pods are failing?") + redirect);
    }

    @Test
    void markdownTableIsRenderedOnATerminalAndTheKubectlStepIsShown(TestCluster cluster, TestNamespace ns) throws Exception {
        ns.applyResource("fixtures/crashloop-pod.yaml");
        try (ScriptedLlmServer server = ScriptedLlmServer.start(); TmuxTerminal terminal = execute(server, cluster, ns, "")) {
            String screen = terminal.waitFor(s -> s.contains("[exit "), Duration.ofSeconds(120), "the end of execute");
            assertThat(screen).contains("[exit 0]")
                    .contains("→ kubectl get pods -n " + ns.name())
                    .contains("Pod               │ Status")
                    .contains("payments-7c9d-x2x │ CrashLoopBackOff")
                    .contains("web-1             │ Running")
                    .contains("Restart it with kubectl rollout restart.")
                    .doesNotContain("|---|").doesNotContain("**").doesNotContain("## Pods");
            // the step line comes before the answer, which is printed after the tool ran
            assertThat(screen.indexOf("→ kubectl get pods")).isLessThan(screen.indexOf("payments-7c9d-x2x │"));
            assertThat(server.chatRequests().get(1).body()).contains("payments-7c9d-x2x");
        }
    }

    @Test
    void pipedTheAnswerStaysMarkdownAndQuietHidesTheStep(TestCluster cluster, TestNamespace ns) throws Exception {
        try (ScriptedLlmServer server = ScriptedLlmServer.start();
             TmuxTerminal terminal = execute(server, cluster, ns, " --quiet > answer.md")) {
            String screen = terminal.waitFor(s -> s.contains("[exit "), Duration.ofSeconds(120), "the end of execute");
            assertThat(screen).contains("[exit 0]").doesNotContain("→ kubectl");
        }
        assertThat(Files.readString(tmp.resolve("answer.md"))).isEqualTo(String.join("", ANSWER));
    }
}
