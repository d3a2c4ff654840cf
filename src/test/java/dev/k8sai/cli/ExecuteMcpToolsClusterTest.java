package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.llm.ToolCall;
import dev.k8sai.mcp.PythonMcp;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import dev.k8sai.testing.llm.ScriptedLlmServer.Reply;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 14, MCP client: a small MCP server written with the official Python SDK (stdio), configured
 * under mcpServers:, gives the agent its tools. Its output reaches the model redacted; its tool that
 * is not marked read-only asks the person first, and --read-only refuses it.
 */
@RealCluster
class ExecuteMcpToolsClusterTest {

    private static final String PASSWORD = "planted-metrics-pw-5521";
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtZXRyaWNzIn0.c2lnbmF0dXJlLXBsYW50ZWQ";

    record Run(int exit, String out, String err, List<String> questions) { }

    private ScriptedLlmServer llm;
    @TempDir
    Path tmp;

    @BeforeEach
    void start() {
        llm = ScriptedLlmServer.start();
    }

    @AfterEach
    void stop() {
        llm.close();
    }

    private Path config(String allowList) throws Exception {
        Path server = PythonMcp.script(tmp, "metrics_server.py");
        Path config = tmp.resolve("config.yaml");
        Files.writeString(config, """
                mcpServers:
                  metrics:
                    command: %s
                    args: [%s]
                    env: {PLANTED_PASSWORD: %s, PLANTED_TOKEN: %s, RESTART_MARKER: %s}
                    tools: %s
                  disabled-one:
                    command: /nonexistent/server
                    enabled: false
                """.formatted(PythonMcp.python(), server, PASSWORD, TOKEN, tmp.resolve("restarted.txt"), allowList));
        return config;
    }

    private Run execute(TestCluster cluster, Path config, boolean answer, String... args) {
        CommandLine cl = Main.newCommandLine();
        ExecuteCommand execute = (ExecuteCommand) cl.getSubcommands().get("execute").getCommand();
        execute.env = Map.of("OPENAI_BASE_URL", llm.baseUrl(), "OPENAI_API_KEY", "sk-test",
                "K8S_AI_AGENT_KUBECTL", cluster.kubectlBinary().toString(), "XDG_CONFIG_HOME", tmp.resolve("xdg").toString());
        List<String> questions = new ArrayList<>();
        execute.confirmer = q -> {
            questions.add(q);
            return answer;
        };
        execute.stdin = new ByteArrayInputStream(new byte[0]);
        execute.stdinPiped = false;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("--kubeconfig", cluster.kubeconfig().toString(), "--config", config.toString()));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString(), questions);
    }

    private static String lastMessage(ScriptedLlmServer.RecordedRequest request) {
        return ScriptedLlmServer.messageContents(request).getLast();
    }

    @Test
    void theModelSeesTheExternalToolsOutputRedacted(TestCluster cluster) throws Exception {
        llm.toolCalls(new ToolCall("call_1", "metrics_query", "{\"promql\": \"rate(http_5xx[5m])\"}"));
        llm.reply("The checkout 5xx rate is 0.42.");

        Run r = execute(cluster, config("[query]"), false, "execute", "what is the checkout error rate?");

        assertThat(r.exit()).as(r.err()).isZero();
        String tools = llm.chatRequests().getFirst().json().path("tools").toString();
        assertThat(tools).contains("metrics_query").contains("read-only")
                .as("the allow-list leaves restart_exporter out").doesNotContain("restart_exporter");
        String observation = lastMessage(llm.chatRequests().get(1));
        assertThat(observation).contains("5xx_rate=0.42").contains("rate(http_5xx[5m])")
                .doesNotContain(PASSWORD).doesNotContain(TOKEN).contains("[REDACTED");
        llm.chatRequests().forEach(req -> assertThat(req.json().toString()).doesNotContain(PASSWORD).doesNotContain(TOKEN));
        assertThat(r.questions()).isEmpty();
    }

    @Test
    void aServerReachedOverStreamableHttpServesItsToolsToo(TestCluster cluster) throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path script = PythonMcp.script(tmp, "metrics_server.py");
        ProcessBuilder pb = new ProcessBuilder(PythonMcp.python().toString(), script.toString(), "http", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("http-server.log").toFile());
        pb.environment().putAll(Map.of("PLANTED_PASSWORD", PASSWORD, "PLANTED_TOKEN", TOKEN,
                "RESTART_MARKER", tmp.resolve("restarted.txt").toString()));
        Process server = pb.start();
        try {
            awaitPort(port, server);
            Path config = tmp.resolve("http.yaml");
            Files.writeString(config, "mcpServers:\n  metrics: {url: 'http://127.0.0.1:%d/mcp', tools: [query]}\n".formatted(port));
            llm.toolCalls(new ToolCall("call_1", "metrics_query", "{\"promql\": \"up\"}"));
            llm.reply("All targets are up.");

            Run r = execute(cluster, config, false, "execute", "are the targets up?");

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).doesNotContain("left out");
            assertThat(lastMessage(llm.chatRequests().get(1))).contains("samples for up").doesNotContain(PASSWORD).doesNotContain(TOKEN);
        } finally {
            server.destroy();
            server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void aConfiguredServerThatCannotStartIsOneNoteOnStderr(TestCluster cluster) throws Exception {
        Path config = Files.writeString(tmp.resolve("gone.yaml"), "mcpServers:\n  gone: {command: /nonexistent/mcp-server}\n");
        llm.reply("Nothing to do.");

        Run r = execute(cluster, config, false, "execute", "anything wrong?");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err().lines().filter(l -> l.startsWith("k8s-ai-agent: note: MCP server 'gone' left out")).count())
                .as(r.err()).isEqualTo(1);
    }

    private static void awaitPort(int port, Process server) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("the HTTP MCP server is running").isTrue();
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the HTTP MCP server did not listen on " + port);
    }

    @Test
    void aToolNotMarkedReadOnlyAsksFirstAndReadOnlyRefusesIt(TestCluster cluster) throws Exception {
        Path config = config("[query, restart_exporter]");
        Path marker = tmp.resolve("restarted.txt");

        llm.toolCalls(new ToolCall("call_1", "metrics_restart_exporter", "{\"name\": \"node-exporter\"}"));
        llm.reply("I did not restart it.");
        Run declined = execute(cluster, config, false, "execute", "restart the node exporter");
        assertThat(declined.exit()).as(declined.err()).isEqualTo(dev.k8sai.ExitCodes.REFUSED);
        assertThat(declined.err()).contains("k8s-ai-agent: not run: ").contains("node-exporter");
        assertThat(declined.questions()).hasSize(1);
        assertThat(declined.questions().getFirst()).contains("metrics/restart_exporter").contains("node-exporter");
        assertThat(lastMessage(llm.chatRequests().get(1))).contains("declined");
        assertThat(marker).doesNotExist();

        llm.toolCalls(new ToolCall("call_2", "metrics_restart_exporter", "{\"name\": \"node-exporter\"}"));
        llm.reply("Refused.");
        Run readOnly = execute(cluster, config, true, "--read-only", "execute", "restart the node exporter");
        assertThat(readOnly.questions()).as("--read-only refuses without asking").isEmpty();
        assertThat(lastMessage(llm.chatRequests().get(3))).contains("read-only");
        assertThat(marker).doesNotExist();

        llm.toolCalls(new ToolCall("call_3", "metrics_restart_exporter", "{\"name\": \"node-exporter\"}"));
        llm.reply("Restarted.");
        Run approved = execute(cluster, config, true, "execute", "restart the node exporter");
        assertThat(approved.questions()).hasSize(1);
        assertThat(marker).as("approved: the tool ran").exists();
        assertThat(lastMessage(llm.chatRequests().get(5))).contains("restarted node-exporter");
    }
}
