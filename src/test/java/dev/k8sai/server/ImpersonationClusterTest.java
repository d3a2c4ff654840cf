package dev.k8sai.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.llm.ToolCall;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --impersonate on the real API server with real RBAC: user "ann" may read namespace a and nothing in
 * namespace b; the server's own (admin) identity could read both. Both fabric8 reads (analyze) and the
 * agent's kubectl commands act as ann.
 */
@RealCluster
class ImpersonationClusterTest {

    static final String POD = "payments-7c9d-x2x";

    @Test
    void theClustersRbacDecidesWhatTheUserSees(TestCluster cluster, TestNamespace a, @TempDir Path dir) throws Exception {
        KubernetesClient admin = cluster.client();
        String b = a.name() + "-b";
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(b).endMetadata().build()).create();
        try (ScriptedLlmServer llm = ScriptedLlmServer.start()) {
            a.applyResource("fixtures/crashloop-pod.yaml");
            dev.k8sai.testing.cluster.Fixtures.apply(admin, b, getClass().getClassLoader().getResourceAsStream("fixtures/crashloop-pod.yaml"));
            admin.rbac().roles().inNamespace(a.name()).resource(new RoleBuilder().withNewMetadata().withName("reader").endMetadata()
                    .addNewRule().withApiGroups("", "apps", "batch", "networking.k8s.io", "policy", "autoscaling")
                    .withResources("*").withVerbs("get", "list", "watch").endRule().build()).create();
            admin.rbac().roleBindings().inNamespace(a.name()).resource(new RoleBindingBuilder().withNewMetadata()
                    .withName("ann-reads").endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
                    .withKind("Role").withName("reader").endRoleRef().addNewSubject().withKind("User")
                    .withApiGroup("rbac.authorization.k8s.io").withName("ann").endSubject().build()).create();

            llm.toolCalls(new ToolCall("c1", "kubectl", "{\"command\": \"kubectl get pods -n " + a.name() + " -o name\"}"));
            llm.toolCalls(new ToolCall("c2", "kubectl", "{\"command\": \"kubectl get pods -n " + b + " -o name\"}"));
            llm.reply("done");
            try (TestServer server = TestServer.start(dir, cluster.kubeconfig(), s -> new ServeSettings(s.listen(), null, null,
                            s.auth(), false, s.kubeconfig(), null, null, false, true, s.auditLog(), s.limits(), "test"),
                    Map.of("OPENAI_BASE_URL", llm.baseUrl(), "OPENAI_API_KEY", "sk-test",
                            "K8S_AI_AGENT_KUBECTL", cluster.kubectlBinary().toString(),
                            "XDG_CONFIG_HOME", dir.resolve("config").toString()))) {
                String ann = server.viewerJwt("ann");
                HttpResponse<String> readable = server.post("/api/v1/analyze", ann, "{\"namespace\":\"" + a.name() + "\"}");
                assertThat(readable.statusCode()).as(readable.body()).isEqualTo(200);
                assertThat(TestServer.json(readable).path("findings").findValuesAsText("name")).contains(POD);
                // the shared watch cache holds what the server's identity sees: it must not answer for ann
                assertThat(WatchCacheClusterTest.snapshotSource(readable)).isEqualTo("list");

                HttpResponse<String> refused = server.post("/api/v1/analyze", ann, "{\"namespace\":\"" + b + "\"}");
                boolean sawPod = refused.statusCode() == 200
                        && TestServer.json(refused).path("findings").findValuesAsText("name").contains(POD);
                assertThat(sawPod).as("ann must not see namespace b: " + refused.statusCode() + " " + refused.body()
                        + " " + refused.headers().firstValue("X-K8sai-Notes").orElse("")).isFalse();
                assertThat(refused.body() + refused.headers().firstValue("X-K8sai-Notes").orElse("")).containsIgnoringCase("forbidden");
                assertThat(server.running.watchCache().informers()).as("no informer was started for ann's requests").isZero();

                String id = TestServer.json(server.post("/api/v1/runs", ann, "{\"message\":\"list pods\",\"namespace\":\""
                        + a.name() + "\"}")).path("id").asText();
                SseClient events = SseClient.follow(server, "/api/v1/runs/" + id + "/events", ann).await();
                List<JsonNode> observations = events.events.stream().filter(e -> e.name().equals("observation"))
                        .map(SseClient.Event::data).toList();
                assertThat(observations).hasSize(2);
                assertThat(observations.get(0).path("summary").asText()).contains("pod/" + POD);
                assertThat(observations.get(1).path("summary").asText()).containsIgnoringCase("forbidden")
                        .contains("\"ann\"").doesNotContain("pod/" + POD);
            }
        } finally {
            admin.namespaces().withName(b).delete();
        }
    }
}
