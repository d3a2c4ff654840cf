package dev.k8sai.mcp.http;

import static dev.k8sai.mcp.PythonMcp.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.mcp.PlantedSecrets;
import dev.k8sai.mcp.PythonMcp;
import dev.k8sai.server.ServeSettings;
import dev.k8sai.server.TestServer;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: the official Python MCP SDK's streamable-HTTP client drives {@code /mcp} of the real server
 * (on loopback, with a bearer token) against the real test API server: the same tools as stdio,
 * analyze's findings, no planted secret in any output (also not through the session's ledger across
 * requests), writes refused without --allow-writes and, with it, parked at the approval desk until an
 * operator decides.
 */
@RealCluster
class McpHttpClusterTest {

    @TempDir
    Path tmp;

    private TestServer server(TestCluster cluster, boolean allowWrites) throws Exception {
        return server(cluster, allowWrites, false);
    }

    private TestServer server(TestCluster cluster, boolean allowWrites, boolean impersonate) throws Exception {
        return TestServer.start(tmp, cluster.kubeconfig(), s -> new ServeSettings(s.listen(), null, null, s.auth(), false,
                        s.kubeconfig(), null, null, allowWrites, impersonate, s.auditLog(), s.limits(), "test"),
                Map.of("K8S_AI_AGENT_KUBECTL", cluster.kubectlBinary().toString(),
                        "XDG_CONFIG_HOME", tmp.resolve("config").toString()));
    }

    private static String mcpUrl(TestServer server) {
        return server.uri(McpHttpRoutes.PATH).toString();
    }

    @Test
    void listsToolsAnalyzesAndNeverShowsPlantedSecretsOverHttp(TestCluster cluster, TestNamespace ns) throws Exception {
        PlantedSecrets.plant(ns);
        String n = ns.name();
        try (TestServer server = server(cluster, false)) {
            JsonNode out = PythonMcp.startHttp(tmp, mcpUrl(server), server.viewerJwt("vic"), List.of(
                    call("analyze", Map.of("namespace", n)),
                    call("get_resources", Map.of("kind", "Secret", "namespace", n, "name", "db-credentials")),
                    call("get_resources", Map.of("kind", "Pod", "namespace", n, "name", "api-0")),
                    call("kubectl", Map.of("command", "kubectl get secret db-credentials -n " + n + " -o yaml")),
                    call("kubectl", Map.of("command", "kubectl get pod api-0 -n " + n + " -o json | jq '.spec.containers[0].env'")),
                    call("kubectl", Map.of("command", "kubectl get configmap innocent -n " + n + " -o yaml")),
                    call("kubectl", Map.of("command", "kubectl delete pod api-0 -n " + n)))).result();

            assertThat(out.path("serverName").asText()).isEqualTo("k8s-ai-agent");
            assertThat(out.path("sessionId").asText()).as("the server opened a session").isNotBlank();
            assertThat(PlantedSecrets.toolNames(out)).as("the same tools as over stdio")
                    .containsExactlyInAnyOrder(PlantedSecrets.SERVED_TOOLS);

            JsonNode results = out.path("results");
            assertThat(results.get(0).path("isError").asBoolean()).as(results.get(0).toString()).isFalse();
            assertThat(PlantedSecrets.crashingPodReasons(results.get(0).path("text").asText())).contains("CrashLoopBackOff");

            for (int i = 1; i <= 5; i++) {
                JsonNode r = results.get(i);
                assertThat(r.path("isError").asBoolean()).as(r.toString()).isFalse();
                PlantedSecrets.assertNoneIn(r.path("text").asText(), "call " + i);
            }
            assertThat(results.get(1).path("text").asText()).contains("db-credentials").contains("password");
            assertThat(results.get(2).path("text").asText()).contains("DB_PASSWORD").contains("hello-from-api");
            // the ConfigMap holds the Secret's value under an innocent key: only the session's ledger knows it
            assertThat(results.get(5).path("text").asText()).contains("colour");

            JsonNode write = results.get(6);
            assertThat(write.path("isError").asBoolean()).isTrue();
            assertThat(write.path("text").asText()).contains("--allow-writes");
            assertThat(cluster.client().pods().inNamespace(n).withName("api-0").get()).as("the pod is still there").isNotNull();

            JsonNode audited = server.awaitAuditLine(l -> "analyze".equals(l.path("tool").asText()));
            assertThat(audited.path("user").asText()).as(audited.toString()).isEqualTo("vic");
            assertThat(audited.path("path").asText()).isEqualTo("/mcp");
            assertThat(audited.path("arguments").path("namespace").asText()).isEqualTo(n);
        }
    }

    @Test
    void withAllowWritesAChangeWaitsAtTheApprovalDeskAndADenialChangesNothing(TestCluster cluster, TestNamespace ns) throws Exception {
        PlantedSecrets.plant(ns);
        String n = ns.name();
        String delete = "kubectl delete pod api-0 -n " + n + " --wait=false";
        try (TestServer server = server(cluster, true)) {
            JsonNode viewer = PythonMcp.startHttp(tmp, mcpUrl(server), server.viewerJwt("vic"),
                    List.of(call("kubectl", Map.of("command", delete)))).result();
            assertThat(viewer.path("results").get(0).path("text").asText()).contains("operator");
            assertThat(TestServer.json(server.get("/api/v1/approvals", server.viewerJwt("vic"))).path("approvals"))
                    .as("a viewer's change is refused, not parked").isEmpty();

            PythonMcp.HttpClientRun operator = PythonMcp.startHttp(tmp, mcpUrl(server), server.operatorJwt("olga"),
                    List.of(call("kubectl", Map.of("command", delete))));
            JsonNode pending = awaitPending(server);
            assertThat(pending.path("command").asText()).contains("delete pod api-0");
            assertThat(pending.path("run").asText()).startsWith("mcp-");
            assertThat(pending.path("requestedBy").asText()).isEqualTo("olga");
            assertThat(server.post("/api/v1/approvals/" + pending.path("id").asText(), server.operatorJwt("otto"),
                    "{\"decision\":\"deny\"}").statusCode()).isEqualTo(200);

            JsonNode denied = operator.result().path("results").get(0);
            assertThat(denied.path("isError").asBoolean()).as(denied.toString()).isTrue();
            assertThat(cluster.client().pods().inNamespace(n).withName("api-0").get()).as("denied: the pod is still there").isNotNull();
        }
    }

    @Test
    void withImpersonateTheToolsReadAsTheTokensUser(TestCluster cluster, TestNamespace ns) throws Exception {
        PlantedSecrets.plant(ns);
        String n = ns.name();
        try (TestServer server = server(cluster, false, true)) {
            // "mallory" has no RBAC binding: the server's own (admin) identity could read everything
            JsonNode results = PythonMcp.startHttp(tmp, mcpUrl(server), server.viewerJwt("mallory"), List.of(
                    call("get_resources", Map.of("kind", "Pod", "namespace", n)),
                    call("kubectl", Map.of("command", "kubectl get pods -n " + n + " -o name")))).result().path("results");
            for (JsonNode r : results) {
                assertThat(r.path("text").asText()).as(r.toString()).containsIgnoringCase("forbidden").contains("mallory")
                        .doesNotContain(PlantedSecrets.CRASHING_POD);
            }
        }
    }

    private static JsonNode awaitPending(TestServer server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode a : TestServer.json(server.get("/api/v1/approvals", server.viewerJwt("vic"))).path("approvals")) {
                if ("pending".equalsIgnoreCase(a.path("state").asText())) {
                    return a;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no pending approval appeared");
    }
}
