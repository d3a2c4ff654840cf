package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.ExitCodes;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * analyze --explain through the real command line, the real analyzers, the real OpenAI-compatible
 * client and the scripted LLM server: what is sent (redacted, anonymized, in the asked language),
 * what is cached, and that --dry-run sends nothing.
 */
class AnalyzeCommandExplainTest extends AnalyzeExplainTestBase {

    @Test
    void explanationsAppearInTextAndJson() throws Exception {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.reply(REPLY);
            Run text = run(server);
            assertThat(text.err()).isEmpty();
            assertThat(text.exit()).isEqualTo(ExitCodes.FINDINGS);
            assertThat(text.out()).contains("        | Cause: The application exits at start-up.")
                    .contains("        | Fix: Fix the Service selector.");
            assertThat(server.chatRequests()).hasSize(1);
            assertThat(prompt(server)).contains("CrashLoopBackOff").contains("SelectorMatchesNoPods");

            // Second run: both answers come from the cache, nothing is asked.
            Run json = run(server, "-o", "json");
            assertThat(server.chatRequests()).hasSize(1);
            JsonNode doc = new ObjectMapper().readTree(json.out());
            assertThat(doc.get("findings")).extracting(f -> f.path("explanation").asText())
                    .contains("Cause: The application exits at start-up.\nFix: Check the container logs.",
                            "Cause: No pod carries the selected label.\nFix: Fix the Service selector.");
        }
    }

    @Test
    void maxTokensStopsFurtherExplainBatches() throws Exception {
        Files.copy(Path.of(System.getProperty("k8sai.repoRoot", "."), "examples/broken-shop.yaml"), snapshot,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.enqueue(ScriptedLlmServer.Reply.text(REPLY).withUsage(900, 200));
            server.reply(REPLY);
            Run r = run(server, "--max-tokens", "1000");

            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.FINDINGS);
            assertThat(server.chatRequests()).hasSize(1);
            assertThat(r.err()).contains("k8s-ai-agent: note: token budget of 1000 reached; 3 finding(s) left unexplained");
            assertThat(r.out()).contains("| Cause:");
        }
    }

    @Test
    void noCacheAsksAgain() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.reply(REPLY).reply(REPLY);
            run(server);
            assertThat(server.chatRequests()).hasSize(1);
            Run again = run(server, "--no-cache");
            assertThat(again.out()).contains("| Cause: The application exits at start-up.");
            assertThat(server.chatRequests()).hasSize(2);
        }
    }

    @Test
    void dryRunPrintsTheRequestAndSendsNothing() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            Run r = run(server, "--dry-run");
            assertThat(r.exit()).isZero();
            assertThat(server.requestCount()).isZero();
            assertThat(r.out()).contains("CrashLoopBackOff").contains("nothing was sent")
                    .doesNotContain(URL_PASSWORD).doesNotContain(BEARER).doesNotContain(DB_PASSWORD);
        }
    }

    @Test
    void plantedSecretsNeverReachTheModel() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.reply(REPLY);
            Run r = run(server, "-v");
            // The report's evidence is redacted when it is built (every output format gets it so), so
            // the explainer's own pass finds nothing left to replace.
            assertThat(r.err()).containsPattern("explain: 2 finding\\(s\\), 0 from cache, 1 request\\(s\\), 0 value\\(s\\) redacted");
            assertThat(r.out()).contains("[REDACTED").doesNotContain(DB_PASSWORD).doesNotContain(URL_PASSWORD).doesNotContain(BEARER);
            String sent = bodies(server) + prompt(server);
            assertThat(server.chatRequests()).hasSize(1);
            // The events are evidence (so there was something to redact), their secrets are not.
            assertThat(prompt(server)).contains("postgres://").contains("Bearer");
            assertThat(sent).doesNotContain(DB_PASSWORD).doesNotContain(URL_PASSWORD).doesNotContain(BEARER);
        }
    }

    @Test
    void anonymizeKeepsObjectNamesOut() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.reply(REPLY);
            Run r = run(server, "--anonymize");
            String sent = prompt(server);
            assertThat(sent).doesNotContain("billing-api-6f7d9-abcde").doesNotContain("payments-prod")
                    .doesNotContain("ledger-frontend");
            // The user still sees the real names.
            assertThat(r.out()).contains("billing-api-6f7d9-abcde").contains("ledger-frontend");
        }
    }

    @Test
    void languageReachesThePrompt() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.reply(REPLY);
            run(server, "--language", "zh");
            assertThat(prompt(server)).contains("Answer in language: zh");
        }
    }

    @Test
    void cacheIsPerLanguage() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.reply(REPLY).reply(REPLY);
            run(server);
            run(server, "--language", "zh");
            assertThat(server.chatRequests()).hasSize(2);
        }
    }

    @Test
    void noCacheWithoutExplainIsAUsageError() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            CommandLine cl = Main.newCommandLine();
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err, true));
            cl.setOut(new PrintWriter(new StringWriter(), true));
            int exit = cl.execute("analyze", "-f", snapshot.toString(), "--anonymize");
            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).contains("--explain");
        }
    }

    @Test
    void withoutAProviderFailsBeforeReadingAnything() {
        CommandLine cl = Main.newCommandLine();
        AnalyzeCommand analyze = (AnalyzeCommand) cl.getSubcommands().get("analyze").getCommand();
        analyze.env = Map.of("XDG_CONFIG_HOME", dir.resolve("no-config").toString(), "K8S_AI_AGENT_CACHE", cache.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute("analyze", "-f", dir.resolve("does-not-exist.yaml").toString(), "--explain");
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("k8s-ai-agent: no LLM provider is configured").doesNotContain("does-not-exist")
                .doesNotContain("\tat ");
        assertThat(exit).isNotZero().isNotEqualTo(ExitCodes.FINDINGS);
    }

    @Test
    void dryRunNeedsNoProvider() {
        CommandLine cl = Main.newCommandLine();
        AnalyzeCommand analyze = (AnalyzeCommand) cl.getSubcommands().get("analyze").getCommand();
        analyze.env = Map.of("XDG_CONFIG_HOME", dir.resolve("no-config").toString(), "K8S_AI_AGENT_CACHE", cache.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute("analyze", "-f", snapshot.toString(), "--explain", "--dry-run", "--model", "gpt-4o");
        assertThat(exit).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains("SelectorMatchesNoPods").contains("model gpt-4o").contains("nothing was sent");
    }

    @Test
    void choosesSeriousFindingsFirstAndCaps() {
        var info = dev.k8sai.report.Finding.of("configmap", "ConfigMap", "a", "x", dev.k8sai.report.Severity.INFO, "Unused", "m");
        var crit = dev.k8sai.report.Finding.of("pod", "Pod", "a", "p", dev.k8sai.report.Severity.CRITICAL, "OOMKilled", "m");
        assertThat(dev.k8sai.app.ExplainFindings.select(List.of(info, crit))).containsExactly(crit);
        assertThat(dev.k8sai.app.ExplainFindings.select(List.of(info))).containsExactly(info);
        List<dev.k8sai.report.Finding> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(dev.k8sai.report.Finding.of("pod", "Pod", "a", "p" + i, dev.k8sai.report.Severity.WARNING, "HighRestartCount", "m"));
        }
        assertThat(dev.k8sai.app.ExplainFindings.select(many)).hasSize(dev.k8sai.app.ExplainFindings.MAX_EXPLAINED);
    }
}
