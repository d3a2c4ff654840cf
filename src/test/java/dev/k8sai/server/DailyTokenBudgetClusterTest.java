package dev.k8sai.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.testing.llm.ScriptedLlmServer.Reply;
import dev.k8sai.testing.llm.ScriptedLlmTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * --daily-tokens-per-user counts every model call the server makes for a user: analyze and audit with
 * explain and generate draw on the same budget as agent runs, and a user with nothing left gets 429
 * before the model is called.
 */
@RealCluster
public class DailyTokenBudgetClusterTest extends ScriptedLlmTest {

    /** Less than one scripted reply costs (200 tokens): one model call uses it up; the /mcp budget test shares these. */
    public static final long BUDGET = 150;
    public static final String EXPLANATION = """
            ```json
            [{"id": 1, "cause": "The application exits at start-up.", "fix": "Check the container logs."}]
            ```""";
    public static final String MANIFEST = """
            ```yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: budget-settings
            data:
              LOG_LEVEL: info
            ```""";

    @Test
    void explainAndGenerateSpendTheDailyBudgetOfRunsToo(TestCluster cluster, TestNamespace ns) throws Exception {
        ns.applyResource("fixtures/crashloop-pod.yaml");
        // each call costs 200 tokens, more than the whole budget: one call uses it up
        super.server.enqueue(Reply.text(EXPLANATION).withUsage(150, 50));
        super.server.enqueue(Reply.text(EXPLANATION).withUsage(150, 50));
        super.server.enqueue(Reply.text(MANIFEST).withUsage(150, 50));
        try (TestServer server = TestServer.withModel(tmp, cluster, super.server, false, new ServeSettings.Limits(1 << 20, 2, BUDGET,
                Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofSeconds(5)))) {
            String explainIn = "{\"namespace\":\"" + ns.name() + "\",\"explain\":true}";
            String generate = "{\"prompt\":\"a configmap\",\"namespace\":\"" + ns.name() + "\",\"readOnly\":true}";

            String ana = server.viewerJwt("ana");
            var analyzed = server.post("/api/v1/analyze", ana, explainIn);
            assertThat(analyzed.statusCode()).as(analyzed.body()).isEqualTo(200);
            assertThat(TestServer.json(analyzed).path("findings").findValuesAsText("explanation"))
                    .as("the explanation came from the model").anyMatch(e -> e.contains("exits at start-up"));
            assertThat(server.awaitAuditLine(l -> "analyze".equals(l.path("operation").asText())).path("tokens").asLong())
                    .isEqualTo(200);
            JsonNode found = TestServer.json(analyzed).path("findings").get(0);
            String findings = "{\"namespace\":\"" + ns.name() + "\",\"findings\":[" + TestServer.JSON.createObjectNode().put("analyzer", found.path("analyzer").asText())
                    .put("kind", found.path("kind").asText()).put("namespace", found.path("namespace").asText())
                    .put("name", found.path("name").asText()).put("reason", found.path("reason").asText()) + "]}";
            for (var refused : List.of(server.post("/api/v1/analyze", ana, explainIn), server.post("/api/v1/audit", ana, explainIn),
                    server.post("/api/v1/explain", ana, findings), server.post("/api/v1/generate", ana, generate))) {
                assertThat(refused.statusCode()).as(refused.uri() + " " + refused.body()).isEqualTo(429);
                server.assertDocumented(refused);
            }
            assertThat(server.post("/api/v1/runs", ana, "{\"message\":\"hi\",\"namespace\":\"" + ns.name() + "\"}")
                    .statusCode()).isEqualTo(429);
            assertThat(server.post("/api/v1/analyze", ana, "{\"namespace\":\"" + ns.name() + "\"}").statusCode())
                    .as("no model, no budget needed").isEqualTo(200);

            String aud = server.viewerJwt("aud");
            var audited = server.post("/api/v1/audit", aud, explainIn);
            assertThat(audited.statusCode()).as(audited.body()).isEqualTo(200);
            assertThat(server.post("/api/v1/analyze", aud, explainIn).statusCode()).as("audit's explain counted").isEqualTo(429);

            String gen = server.operatorJwt("gen");
            var generated = server.post("/api/v1/generate", gen, generate);
            assertThat(generated.statusCode()).as(generated.body()).isEqualTo(200);
            assertThat(TestServer.json(generated).path("usage").path("total").asLong()).isEqualTo(200);
            assertThat(server.post("/api/v1/audit", gen, explainIn).statusCode()).as("generate counted").isEqualTo(429);

            assertThat(super.server.chatRequests()).as("a refused request never reaches the model").hasSize(3);
            JsonNode refused = server.awaitAuditLine(l -> l.path("status").asInt() == 429);
            assertThat(refused.path("user").asText()).isEqualTo("ana");
        }
    }
}
