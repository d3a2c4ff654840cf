package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.ExitCodes;
import dev.k8sai.testing.llm.ScriptedLlmTest;
import dev.k8sai.testing.llm.ScriptedLlmServer.Reply;
import dev.k8sai.cli.ProseExecute.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 classes 7–8 and issue 11 point 8 through the command line, in text mode (streamed): replies real
 * servers send that are no answer, streams that never end, and what --verbose and -o json say about usage.
 * The model answers in prose or not at all, so the cluster only sees execute's reachability check.
 */
@dev.k8sai.testing.cluster.RealCluster
class ProviderBehavioursCliTest extends ScriptedLlmTest {

    private Path kubeconfig;

    @BeforeEach
    void start() throws Exception {
        kubeconfig = ProseExecute.kubeconfig(tmp);
    }

    private Path config(String extra) throws Exception {
        Path config = tmp.resolve("config.yaml");
        Files.writeString(config, """
                defaultProfile: local
                profiles:
                  local: {type: openai-compatible, baseUrl: "%s", model: qwen %s}
                """.formatted(server.baseUrl(), extra));
        return config;
    }

    private Run execute(boolean sameWriter, String... args) {
        return ProseExecute.run(kubeconfig, Map.of("XDG_CONFIG_HOME", tmp.toString()), "", sameWriter, args);
    }

    private static void assertOneLine(Run r) {
        assertThat(r.err().strip()).startsWith("k8s-ai-agent: ").doesNotContain("\n").doesNotContain("\tat ");
    }

    @Test
    void emptyStreamIsExit3NotAnEmptyAnswer() throws Exception {
        server.enqueue(new Reply.Raw(200, "text/event-stream", "data: [DONE]\n\n"));
        Run r = execute(false, "--config", config("").toString(), "execute", "how many pods?");
        assertThat(r.exit()).isEqualTo(ExitCodes.LLM);
        assertOneLine(r);
        assertThat(r.err()).contains("empty reply");
        assertThat(server.chatRequests()).hasSize(1);
    }

    @Test
    void htmlPageIsExit3() throws Exception {
        server.enqueue(Reply.html(200));
        Run r = execute(false, "--config", config(", maxRetries: 0").toString(), "execute", "how many pods?");
        assertThat(r.exit()).isEqualTo(ExitCodes.LLM);
        assertOneLine(r);
    }

    @Test
    void emptyChoicesStreamIsExit3() throws Exception {
        server.enqueue(Reply.emptyChoicesStream());
        Run r = execute(false, "--config", config("").toString(), "execute", "how many pods?");
        assertThat(r.exit()).isEqualTo(ExitCodes.LLM);
        assertOneLine(r);
    }

    @Test
    void contextOverflowOnTheFirstRequestIsOneLineAndExit3() throws Exception {
        server.contextWindow(100);
        Run r = execute(false, "--config", config("").toString(), "execute", "how many pods?");
        assertThat(r.exit()).isEqualTo(ExitCodes.LLM);
        assertOneLine(r);
        assertThat(server.chatRequests()).hasSize(1); // nothing to compact on the first request: not sent again
    }

    @Test
    void keepAliveStreamEndsAtTheTotalDeadlineWithExit3() throws Exception {
        server.enqueue(Reply.keepAlives());
        Run r = execute(false, "--config", config(", timeoutSeconds: 1").toString(), "execute", "how many pods?");
        assertThat(r.exit()).isEqualTo(ExitCodes.LLM);
        assertOneLine(r);
        assertThat(r.err()).contains("total deadline of 1s");
        assertThat(server.chatRequests()).hasSize(1); // a loopback server is not asked again after a timeout
    }

    @Test
    void maxTokensCountsStreamedOutputAsItArrivesAndStopsATricklingReply() throws Exception {
        server.enqueue(new Reply.Endless(true, 1));
        Run r = execute(false, "--config", config("").toString(), "--max-tokens", "2500", "execute", "how many pods?");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("stopped early: token budget");
        assertThat(server.chatRequests()).hasSize(1);
        assertThat(server.chatRequests().getFirst().json().path("max_tokens").asInt()).isLessThan(2500);
    }

    @Test
    void verboseTimeoutShowsCausesButNoStackTrace() throws Exception {
        server.enqueue(Reply.keepAlives());
        Run r = execute(false, "--config", config(", timeoutSeconds: 1").toString(), "-v", "execute", "how many pods?");
        assertThat(r.exit()).isEqualTo(ExitCodes.LLM);
        assertThat(r.err()).contains("caused by").doesNotContain("\tat ").doesNotContain("  at ");
    }

    @Test
    void aStreamedAnswerEndsItsLineBeforeTheVerboseUsageLine_whichSaysItIsAnEstimate() throws Exception {
        server.replyFragments("Three ", "pods.");
        Run r = execute(true, "--config", config("").toString(), "-v", "execute", "how many pods?");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Three pods.\n[llm local/qwen] tokens in/out: ~")
                .contains("(estimated: the server reported no usage)");
    }

    @Test
    void jsonOutputMarksEstimatedUsage() throws Exception {
        server.reply("Three pods.");
        Run r = execute(false, "--config", config("").toString(), "-o", "json", "execute", "how many pods?");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"estimated\" : true");
        server.enqueue(Reply.text("Three pods.").withUsage(50, 3));
        Run counted = execute(false, "--config", config("").toString(), "-o", "json", "execute", "how many pods?");
        assertThat(counted.out()).contains("\"input\" : 50").contains("\"estimated\" : false");
    }

    @Test
    void aKubeconfigNamingMissingCertificateFilesIsOneConfigurationLineAndExit2() throws Exception {
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", certificate-authority: /nonexistent/ca.crt}}]
                users: [{name: u, user: {client-certificate: /nonexistent/client.crt, client-key: /nonexistent/client.key}}]
                contexts: [{name: ctx, context: {cluster: c, user: u}}]
                current-context: ctx
                """);
        Run r = execute(false, "--config", config("").toString(), "execute", "how many pods?");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertOneLine(r);
        assertThat(r.err()).contains(kubeconfig.toString()).contains("/nonexistent/");
        assertThat(server.chatRequests()).isEmpty();
    }
}
