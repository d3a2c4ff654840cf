package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.ExitCodes;
import dev.k8sai.cli.AnalyzeCommandTest.Run;
import dev.k8sai.testing.llm.ScriptedLlmServer.RecordedRequest;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** audit --explain with the scripted LLM server: what is sent, the cache, --dry-run, a failing provider. */
class AuditExplainTest extends AuditCliTestBase {

    // ---- --explain ----

    /**
     * A fenced JSON array, as chat models usually answer. (A bare multi-item array is currently read
     * as prose by FindingExplainer.parse — reported to the explain owner.)
     */
    private static String explanations(int n) {
        StringBuilder json = new StringBuilder("```json\n[");
        for (int i = 1; i <= n; i++) {
            json.append(i > 1 ? "," : "").append("{\"id\": ").append(i)
                    .append(", \"cause\": \"cause ").append(i).append("\", \"fix\": \"fix ").append(i).append("\"}");
        }
        return json.append("]\n```").toString();
    }

    private Map<String, String> llmEnv(ScriptedLlmServer server) {
        return env("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test");
    }

    @Test
    void explainFillsTopFindingsAndTheSecondRunIsACacheHit() throws IOException {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.reply(explanations(7));
            Run first = run(llmEnv(server), InputStream.nullInputStream(), "audit", "-f", fixture(), "--explain", "-o", "json");

            assertThat(first.exit()).isEqualTo(ExitCodes.FINDINGS);
            assertThat(server.chatRequests()).hasSize(1);
            JsonNode doc = JSON.readTree(first.out());
            List<String> explained = new ArrayList<>();
            for (JsonNode f : doc.path("findings")) {
                boolean top = !f.path("severity").asText().equals("info");
                assertThat(f.path("explanation").isNull()).as(f.toString()).isEqualTo(!top);
                if (top) {
                    explained.add(f.path("explanation").asText());
                }
            }
            assertThat(explained).hasSize(7).contains("Cause: cause 1\nFix: fix 1", "Cause: cause 7\nFix: fix 7");
            assertThat(first.err()).isEqualTo("k8s-ai-agent: note: explained 7 finding(s): 0 from cache, 1 request(s)\n");
            for (RecordedRequest request : server.requests()) {
                assertThat(request.body()).doesNotContain(PLANTED_SECRET);
            }
            assertThat(String.join("\n", ScriptedLlmServer.messageContents(server.chatRequests().getFirst())))
                    .contains("SecretInEnv").contains("PssPrivileged").doesNotContain("PssSeccompMissing");

            Run second = run(llmEnv(server), InputStream.nullInputStream(), "audit", "-f", fixture(), "--explain", "-o", "json");
            assertThat(server.requestCount()).isEqualTo(1);
            assertThat(second.err()).isEqualTo("k8s-ai-agent: note: explained 7 finding(s): 7 from cache, 0 request(s)\n");
            assertThat(JSON.readTree(second.out())).isEqualTo(doc);
        }
    }

    @Test
    void explainedTextIsIndentedUnderItsFinding() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.reply(explanations(7));
            Run r = run(llmEnv(server), InputStream.nullInputStream(), "audit", "-f", fixture(), "--explain", "--no-color");
            assertThat(r.out()).containsPattern("CRITICAL \\w+: .*\n        \\| Cause: cause 1\n        \\| Fix: fix 1\n");
        }
    }

    @Test
    void noCacheAsksAgainAndAnonymizeMasksNames() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.reply(explanations(7)).reply(explanations(7));
            run(llmEnv(server), InputStream.nullInputStream(), "audit", "-f", fixture(), "--explain", "-o", "json");
            Run r = run(llmEnv(server), InputStream.nullInputStream(), "audit", "-f", fixture(), "--explain",
                    "--no-cache", "--anonymize", "-o", "json");
            assertThat(r.exit()).isEqualTo(ExitCodes.FINDINGS);
            assertThat(server.chatRequests()).hasSize(2);
            String user = ScriptedLlmServer.messageContents(server.chatRequests().get(1)).getLast();
            assertThat(user).doesNotContain("debug-shell").doesNotContain("everything").doesNotContain("shop");
        }
    }

    @Test
    void dryRunExplainPreviewsAndSendsNothing() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            Run r = run(llmEnv(server), InputStream.nullInputStream(), "audit", "-f", fixture(), "--explain", "--dry-run");

            assertThat(r.exit()).isEqualTo(ExitCodes.OK);
            assertThat(server.requestCount()).isZero();
            assertThat(r.out()).contains("SecretInEnv").contains("PssPrivileged")
                    .contains("dry run: 1 request(s)").contains("nothing was sent.")
                    .doesNotContain(PLANTED_SECRET);
        }
    }

    @Test
    void dryRunWorksWithoutAnyLlmConfiguration() {
        Run r = run(env("OPENAI_API_KEY", ""), InputStream.nullInputStream(), "audit", "-f", fixture(), "--explain", "--dry-run");
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("dry run: 1 request(s) to (none configured)");
    }

    @Test
    void explainWithoutAKeyFailsBeforeAuditing() {
        Run r = run(env("OPENAI_API_KEY", ""), InputStream.nullInputStream(), "audit", "-f", fixture(), "--explain");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip()).startsWith("k8s-ai-agent: ").contains("OPENAI_API_KEY").doesNotContain("\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aFailingProviderKeepsTheFindings() throws IOException {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.error(400, "context length exceeded");
            Run r = run(llmEnv(server), InputStream.nullInputStream(), "audit", "-f", fixture(), "--explain", "-o", "json");
            assertThat(r.exit()).isEqualTo(ExitCodes.LLM); // findings printed, provider failure is exit 3
            assertThat(r.err()).startsWith("k8s-ai-agent: note: explanations unavailable: ");
            assertThat(JSON.readTree(r.out()).path("findings")).hasSize(13);
        }
    }

    @Test
    void explainSendsAtMostTwentyFindings() {
        assertThat(dev.k8sai.app.ExplainFindings.MAX_EXPLAINED).isEqualTo(20);
        // 25 pods, each privileged: 25 critical findings, only 20 are asked about (3 batches of 8, 8, 4).
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            yaml.append("""
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: p%02d, namespace: shop}
                    spec:
                      containers:
                      - name: c
                        image: busybox:1.36
                        securityContext: {privileged: true}
                    """.formatted(i));
        }
        Run r = run(env("OPENAI_API_KEY", ""), new ByteArrayInputStream(yaml.toString().getBytes(StandardCharsets.UTF_8)),
                "audit", "-f", "-", "--explain", "--dry-run", "--level", "baseline");
        assertThat(r.out()).contains("##### request 3 of 3").contains("dry run: 3 request(s)")
                .contains("p19").doesNotContain("p20");
    }
}
