package dev.k8sai.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.config.ProviderProfile;
import dev.k8sai.config.ProviderType;
import dev.k8sai.config.ToolCallingMode;
import dev.k8sai.llm.LlmClient;
import dev.k8sai.llm.LlmClients;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --explain over the production HTTP path against the scripted OpenAI-compatible server. */
class FindingExplainerTest {

    private ScriptedLlmServer server;
    private LlmClient client;
    @TempDir
    Path cacheDir;

    @BeforeEach
    void start() {
        server = ScriptedLlmServer.start();
        client = LlmClients.create(new ProviderProfile("test", ProviderType.OPENAI_COMPATIBLE, server.baseUrl(), "deepseek-r1",
                "TEST_KEY", "sk-test", null, null, Duration.ofSeconds(10), 0, ToolCallingMode.NATIVE, Map.of()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static final Finding CRASH = new Finding("pod", "Pod", "shop", "payments-7c9d-x2x", Severity.CRITICAL,
            "CrashLoopBackOff", "container app restarted 12 times; last exit code 1 (Error)", "Deployment/shop/payments",
            List.of("event BackOff x31: Back-off restarting failed container",
                    "log tail: connecting to postgres://admin:S3cretPassw0rd@db.shop:5432/orders failed",
                    "log tail: DB_PASSWORD=hunter2-very-secret Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"),
            null);
    private static final Finding PENDING = Finding.of("pvc", "PersistentVolumeClaim", "shop", "orders-data", Severity.CRITICAL,
            "PVCPending", "claim is Pending: storageclass \"fast\" not found");

    private FindingExplainer explainer(boolean cache, boolean anonymize) {
        return new FindingExplainer(client, new ExplanationCache(cacheDir), new ExplainOptions("en", cache, anonymize, 8));
    }

    @Test
    void explainsABatchInOneRequestAndCachesIt() {
        server.reply("<think>two findings</think>```json\n[{\"id\": 1, \"cause\": \"the app cannot reach its database\", \"fix\": \"check the DSN secret\"},"
                + " {\"id\": 2, \"cause\": \"no storage class fast\", \"fix\": \"create it\"},]\n```");

        ExplainResult first = explainer(true, false).explain(List.of(CRASH, PENDING));

        assertThat(first.requests()).isEqualTo(1);
        assertThat(first.findings().get(0).explanation()).isEqualTo("Cause: the app cannot reach its database\nFix: check the DSN secret");
        assertThat(first.findings().get(1).explanation()).startsWith("Cause: no storage class fast");

        ExplainResult second = explainer(true, false).explain(List.of(CRASH, PENDING));
        assertThat(second.cacheHits()).isEqualTo(2);
        assertThat(second.requests()).isZero();
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(second.findings()).extracting(Finding::explanation).isEqualTo(first.findings().stream().map(Finding::explanation).toList());
    }

    @Test
    void bareJsonArrayWithSeveralItemsIsParsed() {
        server.reply("[{\"id\": 1, \"cause\": \"crash\", \"fix\": \"fix db\"}, {\"id\": 2, \"cause\": \"no class\", \"fix\": \"add it\"}]");
        ExplainResult result = explainer(false, false).explain(List.of(CRASH, PENDING));
        assertThat(result.findings()).extracting(Finding::explanation)
                .containsExactly("Cause: crash\nFix: fix db", "Cause: no class\nFix: add it");
    }

    @Test
    void plantedSecretsNeverReachTheProvider() {
        server.reply("[{\"id\": 1, \"cause\": \"db\", \"fix\": \"x\"}]");
        ExplainResult result = explainer(false, false).explain(List.of(CRASH));

        String sent = server.lastRequest().body();
        assertThat(sent).doesNotContain("S3cretPassw0rd", "hunter2-very-secret", "eyJhbGciOiJIUzI1NiJ9")
                .contains("CrashLoopBackOff", "payments-7c9d-x2x", "REDACTED");
        assertThat(result.redactions()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void anonymizeMasksNamesAndRestoresThemInTheAnswer() {
        server.replyWith(req -> {
            String body = req.body();
            String placeholder = body.contains("pod-1") ? "pod-1" : "UNMASKED";
            return ScriptedLlmServer.Reply.text("[{\"id\": 1, \"cause\": \"" + placeholder + " crashes\", \"fix\": \"restart " + placeholder + "\"}]");
        });
        ExplainResult result = explainer(false, true).explain(List.of(CRASH));

        assertThat(server.lastRequest().body()).doesNotContain("payments-7c9d-x2x").doesNotContain("\"shop");
        assertThat(result.findings().getFirst().explanation()).contains("payments-7c9d-x2x crashes").doesNotContain("pod-1");
    }

    @Test
    void proseReplyIsUsedWithoutAnotherCall() {
        server.reply("The database password is wrong; rotate the secret and restart the deployment.");
        ExplainResult result = explainer(false, false).explain(List.of(CRASH));
        assertThat(result.findings().getFirst().explanation()).startsWith("The database password is wrong");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void planMakesNoRequestAndSkipsCachedFindings() {
        new ExplanationCache(cacheDir).put(ExplanationCache.key("deepseek-r1", "en", PENDING), "cached");
        var plan = explainer(true, false).plan(List.of(CRASH, PENDING));
        assertThat(plan).hasSize(1);
        assertThat(plan.getFirst().messages().get(1).text()).contains("CrashLoopBackOff").doesNotContain("orders-data");
        assertThat(server.requestCount()).isZero();
    }
}
