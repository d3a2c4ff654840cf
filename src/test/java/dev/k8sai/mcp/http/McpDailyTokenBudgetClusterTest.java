package dev.k8sai.mcp.http;

import static dev.k8sai.mcp.PythonMcp.call;
import static dev.k8sai.server.DailyTokenBudgetClusterTest.BUDGET;
import static dev.k8sai.server.DailyTokenBudgetClusterTest.EXPLANATION;
import static dev.k8sai.server.DailyTokenBudgetClusterTest.MANIFEST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.mcp.PythonMcp;
import dev.k8sai.server.ServeSettings;
import dev.k8sai.server.TestServer;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import dev.k8sai.testing.llm.ScriptedLlmServer.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The /mcp tools that call the model (explain_findings, diagnose) draw on the user's daily token budget
 * with the REST routes: what one spends the other cannot, and a call with nothing left is a tool error
 * with the 429's message before the model is called.
 */
@RealCluster
class McpDailyTokenBudgetClusterTest {

    @Test
    void modelToolsSpendAndRespectTheDailyBudgetOfTheRestRoutes(TestCluster cluster, TestNamespace ns, @TempDir Path dir)
            throws Exception {
        ns.applyResource("fixtures/crashloop-pod.yaml");
        String n = ns.name();
        try (ScriptedLlmServer llm = ScriptedLlmServer.start()) {
            // each model call costs 200 tokens, more than the whole budget: one call uses it up
            llm.enqueue(Reply.text(EXPLANATION).withUsage(150, 50));
            llm.enqueue(Reply.text(MANIFEST).withUsage(150, 50));
            try (TestServer server = TestServer.withModel(dir, cluster, llm, false, new ServeSettings.Limits(1 << 20, 2,
                    BUDGET, Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofSeconds(5)))) {
                String url = server.uri(McpHttpRoutes.PATH).toString();
                String explainIn = "{\"namespace\":\"" + n + "\",\"explain\":true}";

                String mia = server.viewerJwt("mia");
                JsonNode results = PythonMcp.startHttp(dir, url, mia, List.of(
                        call("explain_findings", Map.of("namespace", n)),
                        call("explain_findings", Map.of("namespace", n)),
                        call("diagnose", Map.of("target", "pod/payments-7c9d-x2x", "namespace", n)))).result().path("results");
                assertThat(results.get(0).path("isError").asBoolean()).as(results.get(0).toString()).isFalse();
                assertThat(results.get(0).path("text").asText()).as("the explanation came from the model").contains("exits at start-up");
                for (JsonNode refused : List.of(results.get(1), results.get(2))) {
                    assertSpent(refused);
                }
                JsonNode charged = server.awaitAuditLine(l -> "explain_findings".equals(l.path("tool").asText()));
                assertThat(charged.path("tokens").asLong()).as(charged.toString()).isEqualTo(200);
                assertThat(charged.path("user").asText()).isEqualTo("mia");
                assertThat(server.post("/api/v1/analyze", mia, explainIn).statusCode())
                        .as("the MCP call was charged to the REST budget").isEqualTo(429);

                // generate, not explain: the same findings' explanation would come from the cache, at no cost
                String rex = server.operatorJwt("rex");
                var generated = server.post("/api/v1/generate", rex,
                        "{\"prompt\":\"a configmap\",\"namespace\":\"" + n + "\",\"readOnly\":true}");
                assertThat(generated.statusCode()).as(generated.body()).isEqualTo(200);
                JsonNode afterRest = PythonMcp.startHttp(dir, url, rex, List.of(
                        call("diagnose", Map.of("target", "pod/payments-7c9d-x2x", "namespace", n)))).result().path("results");
                assertSpent(afterRest.get(0));

                assertThat(llm.chatRequests()).as("a refused call never reaches the model").hasSize(2);
            }
        }
    }

    private static void assertSpent(JsonNode result) {
        assertThat(result.path("isError").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.path("text").asText()).isEqualTo("daily token budget of " + BUDGET + " used up; it resets at 00:00 UTC");
    }
}
