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
import dev.k8sai.testing.llm.ScriptedLlmTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --explain over the production HTTP path against the scripted OpenAI-compatible server. */
class FindingExplainerTest extends ScriptedLlmTest {

    private LlmClient client;
    @TempDir
    Path cacheDir;

    @BeforeEach
    void start() {
        client = LlmClients.create(new ProviderProfile("test", ProviderType.OPENAI_COMPATIBLE, server.baseUrl(), "deepseek-r1",
                "TEST_KEY", "sk-test", null, null, Duration.ofSeconds(10), 0, ToolCallingMode.NATIVE, Map.of()));
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

    /** The findings of examples/broken-shop.yaml from the real analyzers. */
    private static List<Finding> brokenShop() {
        var snapshot = new dev.k8sai.cluster.SnapshotFileReader(dev.k8sai.analyze.Analyzers.needs(dev.k8sai.analyze.Analyzers.all()))
                .read(Path.of(System.getProperty("k8sai.repoRoot", "."), "examples/broken-shop.yaml").toString(),
                        java.io.InputStream.nullInputStream(), null).snapshot();
        return dev.k8sai.analyze.AnalyzeService.analyze(snapshot, dev.k8sai.analyze.Analyzers.all()).findings();
    }

    @Test
    void anonymizeMasksEveryNameOfTheBatchIncludingKubeletPodNamespaceTexts() {
        Finding kubeletEvent = new Finding("pod", "Pod", "shop", "payments-7c9d5b8f6d-x2xq4", Severity.CRITICAL,
                "CrashLoopBackOff", "container app restarted 12 times", "Deployment/shop/payments",
                List.of("event BackOff x31: Back-off restarting failed container app in pod payments-7c9d5b8f6d-x2xq4_shop(7c9d0000-0000-4000-8000-000000000003)"),
                null);
        List<Finding> findings = new java.util.ArrayList<>(brokenShop());
        findings.add(kubeletEvent);
        // The answer names the first finding's placeholders, so restoring can be checked.
        server.replyWith(req -> ScriptedLlmServer.Reply.text("[{\"id\": 1, \"cause\": \"pod-1 in namespace-1 crashes (pod-1_namespace-1)\", \"fix\": \"x\"}]"));

        ExplainResult result = new FindingExplainer(client, new ExplanationCache(cacheDir), new ExplainOptions("en", false, true, 20))
                .explain(findings);

        String sent = server.lastRequest().body();
        assertThat(sent).contains("CrashLoopBackOff", "pod-1")
                .doesNotContain("payments", "x2xq4", "\"shop", "/shop", "shop/", "shop_", "_shop", "cart-config", "fast-ssd",
                        "checkout", "orders-db", "cart-66b8d4f7c5");
        assertThat(result.findings().getFirst().explanation()).matches("(?s)Cause: [a-z0-9-]+-[a-z0-9]{5} in shop crashes \\([a-z0-9-]+_shop\\).*")
                .doesNotContain("pod-1", "namespace-1");
    }

    @Test
    void proseForASeveralFindingBatchIsShownButNotCached() {
        server.reply("Both are caused by the broken rollout; roll back.");
        server.reply("Both are caused by the broken rollout; roll back.");
        ExplainResult first = explainer(true, false).explain(List.of(CRASH, PENDING));
        assertThat(first.findings()).extracting(Finding::explanation).containsOnly("Both are caused by the broken rollout; roll back.");

        ExplainResult second = explainer(true, false).explain(List.of(CRASH, PENDING));
        assertThat(second.cacheHits()).isZero();
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void tokenBudgetStopsFurtherBatches() {
        server.enqueue(ScriptedLlmServer.Reply.text("[{\"id\": 1, \"cause\": \"db\", \"fix\": \"x\"}]").withUsage(900, 200));
        server.reply("[{\"id\": 1, \"cause\": \"never\", \"fix\": \"sent\"}]");
        ExplainResult result = new FindingExplainer(client, new ExplanationCache(cacheDir), new ExplainOptions("en", false, false, 1), 1000)
                .explain(List.of(CRASH, PENDING));

        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(result.findings().get(0).explanation()).startsWith("Cause: db");
        assertThat(result.findings().get(1).explanation()).isNull();
        assertThat(result.note()).isEqualTo("token budget of 1000 reached; 1 finding(s) left unexplained");
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
