package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.ExitCodes;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import dev.k8sai.testing.llm.ScriptedLlmServer.RecordedRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * analyze --explain through the real command line, the real analyzers, the real OpenAI-compatible
 * client and the scripted LLM server: what is sent (redacted, anonymized, in the asked language),
 * what is cached, and that --dry-run sends nothing.
 */
class AnalyzeCommandExplainTest {

    static final String DB_PASSWORD = "hunter2-Sup3rSecret";
    static final String URL_PASSWORD = "s3cr3tPassw0rd";
    static final String BEARER = "abcDEF0123456789ghiJKL0123456789";

    /**
     * One crash-looping pod whose spec holds a literal DB_PASSWORD and whose Warning events quote a
     * URL with user:password and a bearer token, plus a Service that selects no pod.
     */
    static final String SNAPSHOT = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Pod
              metadata:
                name: billing-api-6f7d9-abcde
                namespace: payments-prod
                uid: 11111111-0000-4000-8000-000000000001
                creationTimestamp: "2026-11-20T09:00:00Z"
                labels: {app: billing-api}
              spec:
                containers:
                - name: app
                  image: registry.example.com/billing-api:2.1.0
                  env:
                  - name: DB_PASSWORD
                    value: "%s"
              status:
                phase: Running
                conditions:
                - {type: Ready, status: "False", lastTransitionTime: "2026-11-20T09:00:00Z"}
                containerStatuses:
                - name: app
                  image: registry.example.com/billing-api:2.1.0
                  imageID: ""
                  ready: false
                  restartCount: 9
                  state: {waiting: {reason: CrashLoopBackOff, message: back-off 5m0s restarting failed container}}
                  lastState: {terminated: {exitCode: 1, reason: Error, startedAt: "2026-11-20T09:50:00Z", finishedAt: "2026-11-20T09:50:02Z"}}
            - apiVersion: v1
              kind: Event
              metadata: {name: billing-api-6f7d9-abcde.1, namespace: payments-prod, creationTimestamp: "2026-11-20T09:55:00Z"}
              involvedObject: {kind: Pod, name: billing-api-6f7d9-abcde, namespace: payments-prod, uid: 11111111-0000-4000-8000-000000000001}
              type: Warning
              reason: BackOff
              count: 9
              lastTimestamp: "2026-11-20T09:55:00Z"
              message: "Back-off restarting failed container app: cannot reach postgres://billing:%s@db.payments-prod.svc:5432/billing"
            - apiVersion: v1
              kind: Event
              metadata: {name: billing-api-6f7d9-abcde.2, namespace: payments-prod, creationTimestamp: "2026-11-20T09:56:00Z"}
              involvedObject: {kind: Pod, name: billing-api-6f7d9-abcde, namespace: payments-prod, uid: 11111111-0000-4000-8000-000000000001}
              type: Warning
              reason: Unhealthy
              lastTimestamp: "2026-11-20T09:56:00Z"
              message: "Readiness probe failed: upstream said 401 to Authorization: Bearer %s"
            - apiVersion: v1
              kind: Service
              metadata: {name: ledger-frontend, namespace: payments-prod, creationTimestamp: "2026-11-20T09:00:00Z"}
              spec:
                selector: {app: ledger-frontend}
                ports: [{port: 80, targetPort: 8080}]
            """.formatted(DB_PASSWORD, URL_PASSWORD, BEARER);

    /*
     * Fenced: JsonExtraction takes the first {…} of an unfenced reply before trying arrays, so a bare
     * two-item array would be read as prose (reported to the explain/llm owners).
     */
    static final String REPLY = """
            ```json
            [{"id": 1, "cause": "The application exits at start-up.", "fix": "Check the container logs."},
             {"id": 2, "cause": "No pod carries the selected label.", "fix": "Fix the Service selector."}]
            ```""";

    @TempDir
    Path dir;

    Path snapshot;
    Path cache;

    @BeforeEach
    void writeSnapshot() throws Exception {
        snapshot = dir.resolve("snapshot.yaml");
        Files.writeString(snapshot, SNAPSHOT);
        cache = dir.resolve("cache");
    }

    record Run(int exit, String out, String err) {
    }

    Run run(ScriptedLlmServer server, String... args) {
        CommandLine cl = Main.newCommandLine();
        AnalyzeCommand analyze = (AnalyzeCommand) cl.getSubcommands().get("analyze").getCommand();
        analyze.env = Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test",
                "K8S_AI_AGENT_CACHE", cache.toString(), "XDG_CONFIG_HOME", dir.resolve("no-config").toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("analyze", "-f", snapshot.toString(), "--explain", "--no-color"));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    static String bodies(ScriptedLlmServer server) {
        return String.join("\n", server.chatRequests().stream().map(RecordedRequest::body).toList());
    }

    /** The prompt as the model reads it (JSON string escapes undone). */
    static String prompt(ScriptedLlmServer server) {
        return String.join("\n", server.chatRequests().stream()
                .flatMap(r -> ScriptedLlmServer.messageContents(r).stream()).toList());
    }

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

    private Path noRetryConfig(ScriptedLlmServer server) throws Exception {
        Path config = dir.resolve("noretry.yaml");
        Files.writeString(config, """
                defaultProfile: c
                profiles:
                  c: {type: openai-compatible, baseUrl: "%s", model: gpt-4o-mini, apiKey: sk-x, maxRetries: 0}
                """.formatted(server.baseUrl()));
        return config;
    }

    @Test
    void providerFailureKeepsTheReportWithANote() throws Exception {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.error(500, "The server had an error while processing your request");
            Run r = run(server, "--config", noRetryConfig(server).toString());

            // the findings are still printed; the provider failure is exit 3 (issue 11 point 6)
            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.LLM);
            assertThat(r.out()).contains("CrashLoopBackOff").contains("SelectorMatchesNoPods").doesNotContain("| Cause:");
            assertThat(r.err().strip()).startsWith("k8s-ai-agent: note: explanations unavailable: ").doesNotContain("\n");
            assertThat(server.chatRequests()).hasSize(1);
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
            Run r = run(server, "--config", noRetryConfig(server).toString(), "--no-cache", "--no-exit-code");
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
            Run r = run(server, "--config", noRetryConfig(server).toString(), "--no-cache");
            assertThat(r.exit()).isEqualTo(ExitCodes.LLM);
            assertThat(r.err().strip()).startsWith("k8s-ai-agent: note: explanations unavailable: ").doesNotContain("\n");
        }
    }
}
