package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.ExitCodes;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * analyze --explain when the provider's answer is not the plain one: one fenced block per finding,
 * findings the model skipped, a failing provider, a reply that never completes, an HTML page instead of
 * a reply. The findings are always printed; a provider failure is exit 3 with one short line.
 */
class AnalyzeExplainRepliesTest extends AnalyzeExplainTestBase {

    @Test
    void providerFailureKeepsTheReportWithANote() throws Exception {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.error(500, "The server had an error while processing your request");
            Run r = run(server, "--config", LlmFailuresCliTest.noRetryConfig(dir, server.baseUrl()).toString());

            // the findings are still printed; the provider failure is exit 3 (issue 11 point 6)
            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.LLM);
            assertThat(r.out()).contains("CrashLoopBackOff").contains("SelectorMatchesNoPods").doesNotContain("| Cause:");
            assertThat(r.err().strip()).startsWith("k8s-ai-agent: note: explanations unavailable: ").doesNotContain("\n");
            assertThat(server.chatRequests()).hasSize(1);
        }
    }

    /** Issue 11 point 7: one fenced block per finding is read as the answer for each, in order. */
    @Test
    void oneJsonBlockPerFindingExplainsEveryFinding() throws Exception {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.reply("""
                    ```json
                    {"id": 1, "cause": "The application exits at start-up.", "fix": "Check the container logs."}
                    ```
                    And the second:
                    ```json
                    {"id": 2, "cause": "No pod carries the selected label.", "fix": "Fix the Service selector."}
                    ```""");
            Run r = run(server, "--no-cache");
            assertThat(r.out()).contains("| Cause: The application exits at start-up.")
                    .contains("| Cause: No pod carries the selected label.");
            assertThat(r.err()).doesNotContain("no explanation");
        }
    }

    /** Issue 11 point 7: findings the model skipped are named on stderr. */
    @Test
    void findingsWithoutAnExplanationAreNamedOnStderr() throws Exception {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.reply("```json\n[{\"id\": 1, \"cause\": \"The application exits.\", \"fix\": \"Check logs.\"}]\n```");
            Run r = run(server, "--no-cache");
            assertThat(r.err()).contains("the model gave no explanation for 1 finding(s): ").contains("SelectorMatchesNoPods");
        }
    }

    /** Issue 10 class 7: a reply that never completes (keep-alives) ends at the profile's total deadline, exit 3. */
    @Test
    void aReplyThatNeverCompletesEndsAtTheDeadlineWithExit3() throws Exception {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.enqueue(ScriptedLlmServer.Reply.keepAlives());
            Path config = dir.resolve("deadline.yaml");
            Files.writeString(config, """
                    defaultProfile: c
                    profiles:
                      c: {type: openai-compatible, baseUrl: "%s", model: gpt-4o-mini, timeoutSeconds: 1}
                    """.formatted(server.baseUrl()));
            Run r = run(server, "--config", config.toString(), "--no-cache");
            assertThat(r.exit()).isEqualTo(ExitCodes.LLM);
            assertThat(r.err()).contains("within").contains("1s").doesNotContain("\tat ");
            assertThat(r.out()).contains("CrashLoopBackOff");
        }
    }

    /** Issue 18 points 4 and 6: a gateway's 502 HTML page is exit 3 with one short line (its title), the findings still printed. */
    @Test
    void aBadGatewayPageIsExit3AndOneShortLine() throws Exception {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.enqueue(ScriptedLlmServer.Reply.html(502));
            Run r = run(server, "--config", LlmFailuresCliTest.noRetryConfig(dir, server.baseUrl()).toString(), "--no-cache", "--no-exit-code");
            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.LLM);
            assertThat(r.out()).contains("CrashLoopBackOff");
            assertThat(r.err()).hasLineCount(1).contains("HTTP 502").endsWith(": an HTML page: 502 Bad Gateway\n")
                    .doesNotContain("<", "nginx");
        }
    }

    /** Issue 10 class 8: an HTML page with status 200 is no explanation: exit 3, the findings still printed. */
    @Test
    void anHtmlPageInsteadOfAReplyIsExit3() throws Exception {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.enqueue(new ScriptedLlmServer.Reply.Raw(200, "text/html", "<html><body>Sign in to the proxy</body></html>"));
            Run r = run(server, "--config", LlmFailuresCliTest.noRetryConfig(dir, server.baseUrl()).toString(), "--no-cache");
            assertThat(r.exit()).isEqualTo(ExitCodes.LLM);
            assertThat(r.err().strip()).startsWith("k8s-ai-agent: note: explanations unavailable: ").doesNotContain("\n");
        }
    }
}
