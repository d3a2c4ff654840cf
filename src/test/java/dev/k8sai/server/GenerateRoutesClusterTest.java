package dev.k8sai.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.testing.llm.ScriptedLlmTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/generate} over real sockets: the plan from the scripted model validated and diffed
 * against the real API server, and its apply parked as an approval that only an operator completes.
 */
@RealCluster
class GenerateRoutesClusterTest extends ScriptedLlmTest {

    private static String manifest(String name) {
        return """
                Here you go:
                ```yaml
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                  LOG_LEVEL: info
                ```
                """.formatted(name);
    }

    private TestServer server(TestCluster cluster, boolean allowWrites, Duration approvalTimeout) throws IOException {
        return TestServer.withModel(tmp, cluster, super.server, allowWrites, approvalTimeout);
    }

    private static JsonNode generate(TestServer server, String bearer, String namespace, String extra) {
        HttpResponse<String> r = server.post("/api/v1/generate", bearer,
                "{\"prompt\":\"a configmap with LOG_LEVEL=info\",\"namespace\":\"" + namespace + "\"" + extra + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestServer.json(r);
    }

    /** The plan once its apply state is no longer pending. */
    private static JsonNode awaitSettled(TestServer server, String bearer, String id) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            JsonNode plan = TestServer.json(server.get("/api/v1/generate/" + id, bearer));
            if (!plan.path("apply").path("state").asText().equals("pending")) {
                return plan;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("plan " + id + " still pending");
    }

    private static boolean exists(TestCluster cluster, TestNamespace ns, String name) {
        return cluster.client().configMaps().inNamespace(ns.name()).withName(name).get() != null;
    }

    @Test
    void planIsReturnedAndAppliedOnlyAfterAnOperatorApproves(TestCluster cluster, TestNamespace ns) throws Exception {
        super.server.reply(manifest("app-settings"));
        try (TestServer server = server(cluster, true, Duration.ofMinutes(1))) {
            String olga = server.operatorJwt("olga");
            JsonNode plan = generate(server, olga, ns.name(), "");
            assertThat(plan.path("valid").asBoolean()).isTrue();
            assertThat(plan.path("manifests").asText()).contains("kind: ConfigMap").contains("name: app-settings");
            assertThat(plan.path("objects")).extracting(JsonNode::asText).containsExactly("ConfigMap/" + ns.name() + "/app-settings");
            assertThat(plan.path("dryRun").path("serverChecked").asBoolean()).as("validated by the API server").isTrue();
            assertThat(plan.path("diff").get(0).path("change").asText()).isEqualTo("new");
            assertThat(plan.path("apply").path("state").asText()).isEqualTo("pending");
            assertThat(exists(cluster, ns, "app-settings")).as("nothing applied before a decision").isFalse();

            String id = plan.path("id").asText();
            String approvalId = plan.path("apply").path("approval").asText();
            JsonNode listed = TestServer.json(server.get("/api/v1/approvals", olga)).path("approvals").get(0);
            assertThat(listed.path("id").asText()).isEqualTo(approvalId);
            assertThat(listed.path("kind").asText()).isEqualTo("manifests");
            assertThat(listed.path("manifests").asText()).isEqualTo(plan.path("manifests").asText());
            assertThat(listed.path("requestedBy").asText()).isEqualTo("olga");
            assertThat(listed.path("requestedAt").asText()).isNotBlank();

            String approval = "/api/v1/approvals/" + approvalId;
            assertThat(server.post(approval, server.viewerJwt("vic"), "{\"decision\":\"approve\"}").statusCode()).isEqualTo(403);
            assertThat(server.get("/api/v1/generate/" + id, server.viewerJwt("vic")).statusCode())
                    .as("another viewer cannot read the plan").isEqualTo(404);
            assertThat(server.post(approval, server.operatorJwt("otto"), "{\"decision\":\"approve\"}").statusCode()).isEqualTo(200);

            JsonNode settled = awaitSettled(server, olga, id);
            assertThat(settled.path("apply").path("state").asText()).isEqualTo("applied");
            assertThat(settled.path("apply").path("decidedBy").asText()).isEqualTo("otto");
            assertThat(settled.path("apply").path("results").get(0).path("created").asBoolean()).isTrue();
            assertThat(cluster.client().configMaps().inNamespace(ns.name()).withName("app-settings").get().getData())
                    .containsEntry("LOG_LEVEL", "info");
            JsonNode applyLine = server.awaitAuditLine(l -> l.path("type").asText().equals("apply"));
            assertThat(applyLine.path("plan").asText()).isEqualTo(id);
            assertThat(applyLine.path("approvedBy").asText()).isEqualTo("otto");
            assertThat(applyLine.path("user").asText()).isEqualTo("olga");
            assertThat(applyLine.path("outcome").asText()).isEqualTo("applied");
        }
    }

    @Test
    void deniedOrExpiredPlansAreNeverApplied(TestCluster cluster, TestNamespace ns) throws Exception {
        super.server.reply(manifest("denied-settings"));
        super.server.reply(manifest("expired-settings"));
        try (TestServer server = server(cluster, true, Duration.ofSeconds(2))) {
            String olga = server.operatorJwt("olga");
            JsonNode denied = generate(server, olga, ns.name(), "");
            assertThat(server.post("/api/v1/approvals/" + denied.path("apply").path("approval").asText(), olga,
                    "{\"decision\":\"deny\"}").statusCode()).isEqualTo(200);
            assertThat(awaitSettled(server, olga, denied.path("id").asText()).path("apply").path("state").asText())
                    .isEqualTo("denied");

            JsonNode expiring = generate(server, olga, ns.name(), "");
            assertThat(expiring.path("apply").path("state").asText()).isEqualTo("pending");
            assertThat(awaitSettled(server, olga, expiring.path("id").asText()).path("apply").path("state").asText())
                    .isEqualTo("expired");

            assertThat(exists(cluster, ns, "denied-settings")).isFalse();
            assertThat(exists(cluster, ns, "expired-settings")).isFalse();
            assertThat(server.auditText()).doesNotContain("\"type\":\"apply\"");
        }
    }

    @Test
    void withoutAllowWritesThePlanIsShownButRefusedAndAViewersPlanIsPlanOnly(TestCluster cluster, TestNamespace ns)
            throws Exception {
        super.server.reply(manifest("refused-settings"));
        super.server.reply(manifest("viewer-settings"));
        try (TestServer server = server(cluster, false, Duration.ofMinutes(1))) {
            JsonNode refused = generate(server, server.operatorJwt("olga"), ns.name(), "");
            assertThat(refused.path("valid").asBoolean()).isTrue();
            assertThat(refused.path("apply").path("state").asText()).isEqualTo("refused");
            assertThat(refused.path("apply").path("approval").isNull()).isTrue();

            JsonNode viewer = generate(server, server.viewerJwt("vic"), ns.name(), "");
            assertThat(viewer.path("apply").path("state").asText()).isEqualTo("plan-only");

            assertThat(TestServer.json(server.get("/api/v1/approvals", server.operatorJwt("olga"))).path("approvals")).isEmpty();
            assertThat(exists(cluster, ns, "refused-settings")).isFalse();
            assertThat(exists(cluster, ns, "viewer-settings")).isFalse();
            assertThat(server.auditText()).contains("\"decision\":\"refused\"");
            assertThat(server.post("/api/v1/generate", server.viewerJwt("vic"), "{\"prompt\":\" \"}").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void othersSeeAGeneratedSecretsValuesRedacted(TestCluster cluster, TestNamespace ns) throws Exception {
        super.server.reply("""
                ```yaml
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db-credentials
                stringData:
                  password: PlantedGenValue0xBEEF
                ```""");
        try (TestServer server = server(cluster, true, Duration.ofMinutes(1))) {
            String olga = server.operatorJwt("olga");
            JsonNode plan = generate(server, olga, ns.name(), "");
            assertThat(plan.path("manifests").asText()).as("the owner sees what was generated").contains("PlantedGenValue0xBEEF");
            assertThat(plan.path("apply").path("state").asText()).isEqualTo("pending");
            String otto = server.operatorJwt("otto");
            HttpResponse<String> again = server.get("/api/v1/generate/" + plan.path("id").asText(), otto);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(TestServer.json(again).path("manifests").asText()).contains("db-credentials")
                    .doesNotContain("PlantedGenValue0xBEEF");
            assertThat(server.get("/api/v1/approvals", server.viewerJwt("vic")).body()).contains("db-credentials")
                    .doesNotContain("PlantedGenValue0xBEEF");
            assertThat(server.post("/api/v1/approvals/" + plan.path("apply").path("approval").asText(), otto,
                    "{\"decision\":\"approve\"}").statusCode()).isEqualTo(200);
            assertThat(awaitSettled(server, olga, plan.path("id").asText()).path("apply").path("state").asText())
                    .isEqualTo("applied");
            assertThat(cluster.client().secrets().inNamespace(ns.name()).withName("db-credentials").get().getData())
                    .as("the exact manifests were applied").containsKey("password");
            assertThat(server.auditText()).doesNotContain("PlantedGenValue0xBEEF");
        }
    }
}
