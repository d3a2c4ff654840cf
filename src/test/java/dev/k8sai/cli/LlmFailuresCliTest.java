package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.ExitCodes;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import dev.k8sai.testing.llm.ScriptedLlmTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 2 through the command line: provider failures and awkward replies on the production HTTP
 * path, each one clear line and the right exit code, never a stack trace. The model answers in
 * prose here, so the real test cluster only sees execute's reachability check.
 */
@dev.k8sai.testing.cluster.RealCluster
class LlmFailuresCliTest extends ScriptedLlmTest {

    private record Run(int exit, String out, String err) { }

    private Path kubeconfig;

    @BeforeEach
    void start() throws Exception {
        kubeconfig = ProseExecute.kubeconfig(tmp);
    }

    private Run execute(Map<String, String> env, String... args) {
        return executeWithInput("", env, args);
    }

    private Run executeWithInput(String stdin, Map<String, String> env, String... args) {
        ProseExecute.Run r = ProseExecute.run(kubeconfig, env, stdin, false, args);
        return new Run(r.exit(), r.out(), r.err());
    }

    private Map<String, String> env() {
        return Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test", "XDG_CONFIG_HOME", tmp.toString(),
                "XDG_STATE_HOME", tmp.resolve("state").toString());
    }

    private static void assertOneLine(Run r) {
        assertThat(r.err().strip()).startsWith("k8s-ai-agent: ").doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** Issue 18 point 6: an unreachable cluster is one line before the first model call, not after it. */
    @Test
    void anUnreachableClusterFailsBeforeAnyModelCall() throws Exception {
        server.reply("never asked");
        Path unreachable = tmp.resolve("unreachable-kubeconfig");
        Files.writeString(unreachable, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: u, user: {token: abc}}]
                contexts: [{name: ctx, context: {cluster: c, user: u}}]
                current-context: ctx
                """);
        ProseExecute.Run r = ProseExecute.run(unreachable, env(), "", false, "execute", "how many pods?");

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("k8s-ai-agent: cannot reach the Kubernetes API server at https://127.0.0.1:1")
                .hasLineCount(1);
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void rateLimitedThenAnsweredIsRetried() {
        server.error(429, "Rate limit reached for requests", 1);
        server.reply("Three namespaces.");
        Run r = execute(env(), "execute", "how many namespaces?");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("Three namespaces.");
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void unauthorizedIsOneLineAndExitCodeLlm() {
        server.error(401, "Incorrect API key provided: sk-test");
        Run r = execute(env(), "execute", "how many namespaces?");

        assertThat(r.exit()).isEqualTo(ExitCodes.LLM);
        assertOneLine(r);
        assertThat(r.err()).contains("authentication failed").contains("OPENAI_API_KEY");
    }

    @Test
    void wrongBaseUrlNamesTheUrlTried() {
        Run r = execute(Map.of("OPENAI_BASE_URL", server.rootUrl(), "OPENAI_API_KEY", "sk-test", "XDG_CONFIG_HOME", tmp.toString()),
                "execute", "how many namespaces?");

        assertThat(r.exit()).isEqualTo(ExitCodes.LLM);
        assertOneLine(r);
        assertThat(r.err()).contains(server.rootUrl() + "/chat/completions").contains("/v1");
    }

    @Test
    void unreachableEndpointIsOneLine() {
        int port = server.port();
        server.close();
        Run r = execute(Map.of("OPENAI_BASE_URL", "http://127.0.0.1:" + port + "/v1", "OPENAI_API_KEY", "sk-test",
                "XDG_CONFIG_HOME", tmp.toString()), "execute", "how many namespaces?");

        assertThat(r.exit()).isEqualTo(ExitCodes.LLM);
        assertOneLine(r);
        assertThat(r.err()).contains("127.0.0.1:" + port);
    }

    @Test
    void missingKeyIsOneLineBeforeAnyRequest() {
        Run r = execute(Map.of("XDG_CONFIG_HOME", tmp.toString()), "execute", "how many namespaces?");

        assertThat(r.exit()).isNotZero();
        assertOneLine(r);
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void brokenJsonActionFromAReactModelIsAskedOnceMoreThenItsProseIsTheAnswer() throws Exception {
        Path config = tmp.resolve("react.yaml");
        Files.writeString(config, """
                defaultProfile: r
                profiles:
                  r: {type: openai-compatible, baseUrl: "%s", model: qwen2.5-7b, apiKey: sk-x, toolCalling: react}
                """.formatted(server.baseUrl()));
        server.reply("{\"thought\": \"list\" \"action\": {\"name\": \"kubectl\" \"input\": {\"command\": \"kubectl get ns\"}}}");
        server.reply("I could not run the tool, but a fresh cluster has 4 namespaces.");
        Run r = execute(env(), "--config", config.toString(), "execute", "how many namespaces?");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(ScriptedLlmServer.messageContents(server.chatRequests().get(1)).getLast()).contains("could not be used");
        assertThat(r.out().strip()).isEqualTo("I could not run the tool, but a fresh cluster has 4 namespaces.");
    }

    /** A profile for {@code baseUrl} that does not retry: a failure is the first answer's. */
    static Path noRetryConfig(Path dir, String baseUrl) throws Exception {
        Path config = dir.resolve("noretry.yaml");
        Files.writeString(config, """
                defaultProfile: c
                profiles:
                  c: {type: openai-compatible, baseUrl: "%s", model: gpt-4o-mini, apiKey: sk-x, maxRetries: 0}
                """.formatted(baseUrl));
        return config;
    }

    @Test
    void providerErrorAfterAToolCallKeepsThePartialAnswerNotesItAndExitsLlm() throws Exception {
        server.enqueue(new ScriptedLlmServer.Reply.Message(List.of("Checking the namespaces first."),
                List.of(new dev.k8sai.llm.ToolCall("c1", "no_such_tool", "{}")), null, "tool_calls"));
        server.error(500, "The server had an error while processing your request");
        Run r = execute(env(), "--config", noRetryConfig(tmp, server.baseUrl()).toString(), "execute", "how many namespaces?");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.LLM);
        assertThat(server.chatRequests()).hasSize(2);
        assertThat(r.out()).contains("Checking the namespaces first.");
        // the agent's step (shown by default, refused: no such tool), then one line for the early stop
        assertThat(r.err().lines().toList()).containsExactly("→ no_such_tool", "  ✗ not run: no_such_tool",
                r.err().lines().toList().getLast());
        assertThat(r.err().lines().toList().getLast()).startsWith("k8s-ai-agent: note: stopped early: provider error: ");
    }

    @Test
    void jsonOutputAlsoGetsTheEarlyStopNote() throws Exception {
        server.enqueue(new ScriptedLlmServer.Reply.Message(List.of("Checking the namespaces first."),
                List.of(new dev.k8sai.llm.ToolCall("c1", "no_such_tool", "{}")), null, "tool_calls"));
        server.error(500, "boom");
        Run r = execute(env(), "--config", noRetryConfig(tmp, server.baseUrl()).toString(), "-o", "json", "execute", "how many namespaces?");

        assertThat(r.exit()).isEqualTo(ExitCodes.LLM);
        assertThat(r.out()).contains("\"answer\" : \"Checking the namespaces first.\"").contains("PROVIDER_ERROR");
        assertThat(r.err()).contains("note: stopped early: provider error");
    }

    @Test
    void interactiveQuestionThatFailsIsOneLineAndTheConversationGoesOnButEndsWithExit3() throws Exception {
        server.error(500, "The server had an error");
        server.reply("Second answer.");
        Path transcript = tmp.resolve("t.json");
        Run r = executeWithInput("first?\nsecond?\nexit\n", env(), "--config", noRetryConfig(tmp, server.baseUrl()).toString(), "execute", "-i",
                "--transcript", transcript.toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.LLM);
        assertThat(r.out()).contains("Second answer.");
        // after the chat banner, the failure is one line
        String afterBanner = r.err().substring(r.err().indexOf("chat --resume ")).lines().skip(1).collect(java.util.stream.Collectors.joining("\n"));
        assertThat(afterBanner.strip()).startsWith("k8s-ai-agent: ").doesNotContain("\n").doesNotContain("Exception");
        assertThat(transcript).exists();
        assertThat(Files.readString(transcript)).contains("Second answer.");
    }

    @Test
    void sarifIsAUsageErrorForExecute() {
        Run r = execute(env(), "-o", "sarif", "execute", "how many namespaces?");

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertOneLine(r);
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void verboseReportsTokensAndRoundTrips() {
        server.enqueue(ScriptedLlmServer.Reply.text("Fine.").withUsage(120, 7));
        Run r = execute(env(), "-v", "execute", "is the cluster fine?");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("tokens in/out: 120/7").contains("round trips: 1");
    }
}
