package dev.k8sai.mcp;

import static dev.k8sai.mcp.PythonMcp.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import dev.k8sai.testing.llm.ScriptedLlmTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;


import org.junit.jupiter.api.Test;


/**
 * Issue 14: the official Python MCP SDK drives {@code k8s-ai-agent mcp} over stdio against the real
 * test API server — tools and annotations, analyze's findings, no planted secret in any output,
 * writes refused unless allowed and approved by a person through elicitation; diagnose with the
 * model behind the scripted LLM server.
 */
@RealCluster
class McpServerStdioClusterTest extends ScriptedLlmTest {

    private JsonNode drive(TestCluster cluster, List<String> serverFlags, List<String> elicitation, List<Map<String, Object>> calls)
            throws Exception {
        return drive(cluster, serverFlags, elicitation, calls, Map.of());
    }

    private JsonNode drive(TestCluster cluster, List<String> serverFlags, List<String> elicitation, List<Map<String, Object>> calls,
                           Map<String, String> extraEnv) throws Exception {
        List<String> args = new ArrayList<>(List.of("--kubeconfig", cluster.kubeconfig().toString(), "mcp"));
        args.addAll(serverFlags);
        Map<String, String> env = new java.util.HashMap<>(Map.of("K8S_AI_AGENT_KUBECTL", cluster.kubectlBinary().toString(),
                "XDG_CONFIG_HOME", tmp.resolve("config").toString(), "PATH", System.getenv("PATH")));
        env.putAll(extraEnv);
        JsonNode out = PythonMcp.drive(tmp, PythonMcp.agentCommand(args), env, elicitation, calls);
        assertThat(out.path("protocolErrors")).as("only protocol messages on stdout").isEmpty();
        return out;
    }

    private static JsonNode tool(JsonNode out, String name) {
        for (JsonNode t : out.path("tools")) {
            if (t.path("name").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no tool " + name + " in " + out.path("tools"));
    }

    @Test
    void listsToolsAnalyzesTheClusterAndNeverShowsPlantedSecrets(TestCluster cluster, TestNamespace ns) throws Exception {
        PlantedSecrets.plant(ns);
        String n = ns.name();
        super.server.reply("""
                {"summary": "payments crash-loops", "symptoms": ["CrashLoopBackOff, 12 restarts"], "evidence": ["restartCount 12"],
                 "rootCause": "the app exits at start-up", "fix": "check its configuration", "confidence": "medium"}""");
        JsonNode out = drive(cluster, List.of(), null, List.of(
                call("analyze", Map.of("namespace", n)),
                call("get_resources", Map.of("kind", "Secret", "namespace", n, "name", "db-credentials")),
                call("get_resources", Map.of("kind", "Pod", "namespace", n, "name", "api-0")),
                call("kubectl", Map.of("command", "kubectl get secret db-credentials -n " + n + " -o yaml")),
                call("kubectl", Map.of("command", "kubectl get pod api-0 -n " + n + " -o json | jq '.spec.containers[0].env'")),
                call("kubectl", Map.of("command", "kubectl delete pod api-0 -n " + n)),
                call("diagnose", Map.of("target", "pod/payments-7c9d-x2x", "namespace", n))),
                Map.of("OPENAI_BASE_URL", super.server.baseUrl(), "OPENAI_API_KEY", "sk-test"));

        assertThat(out.path("serverName").asText()).isEqualTo("k8s-ai-agent");
        assertThat(PlantedSecrets.toolNames(out)).containsExactlyInAnyOrder(PlantedSecrets.SERVED_TOOLS);
        assertThat(tool(out, "analyze").path("annotations").path("readOnlyHint").asBoolean()).isTrue();
        assertThat(tool(out, "get_resources").path("annotations").path("destructiveHint").asBoolean()).isFalse();
        assertThat(tool(out, "kubectl").path("annotations").path("readOnlyHint").asBoolean()).isFalse();
        assertThat(tool(out, "kubectl").path("annotations").path("destructiveHint").asBoolean()).isTrue();
        assertThat(tool(out, "kubectl").path("inputSchema").path("required").toString()).contains("command");

        JsonNode results = out.path("results");
        assertThat(results.get(0).path("isError").asBoolean()).isFalse();
        assertThat(PlantedSecrets.crashingPodReasons(results.get(0).path("text").asText())).contains("CrashLoopBackOff");

        for (int i = 1; i <= 4; i++) {
            JsonNode r = results.get(i);
            assertThat(r.path("isError").asBoolean()).as(r.toString()).isFalse();
            PlantedSecrets.assertNoneIn(r.path("text").asText(), "call " + i);
        }
        assertThat(results.get(1).path("text").asText()).contains("db-credentials").contains("password");
        assertThat(results.get(2).path("text").asText()).contains("DB_PASSWORD").contains("hello-from-api");
        assertThat(results.get(4).path("text").asText()).contains("UPSTREAM_KEY_ID");

        JsonNode write = results.get(5);
        assertThat(write.path("isError").asBoolean()).isTrue();
        assertThat(write.path("text").asText()).contains("--allow-writes");
        assertThat(cluster.client().pods().inNamespace(n).withName("api-0").get()).as("the pod is still there").isNotNull();

        JsonNode diagnosis = PythonMcp.JSON.readTree(results.get(6).path("text").asText());
        assertThat(diagnosis.path("rootCause").asText()).as(results.get(6).toString()).isEqualTo("the app exits at start-up");
        assertThat(super.server.chatRequests()).hasSize(1);
        assertThat(super.server.chatRequests().getFirst().json().toString()).contains("payments-7c9d-x2x").contains("CrashLoopBackOff");
        PlantedSecrets.assertNoneIn(super.server.chatRequests().getFirst().json().toString(), "the LLM request");
    }

    @Test
    void withAllowWritesEachChangeIsPutToThePersonAndOnlyAnApprovalRunsIt(TestCluster cluster, TestNamespace ns) throws Exception {
        PlantedSecrets.plant(ns);
        String n = ns.name();
        String delete = "kubectl delete pod api-0 -n " + n + " --wait=false";
        var asked = drive(cluster, List.of("--allow-writes"), List.of("decline", "accept"), List.of(
                call("kubectl", Map.of("command", delete)),
                call("get_resources", Map.of("kind", "Pod", "namespace", n, "name", "api-0")),
                call("kubectl", Map.of("command", delete))));
        assertThat(asked.path("elicitations")).hasSize(2);
        assertThat(asked.path("elicitations").get(0).asText()).contains("kubectl delete pod api-0");
        JsonNode results = asked.path("results");
        assertThat(results.get(0).path("isError").asBoolean()).isTrue();
        assertThat(results.get(0).path("text").asText()).contains("declined");
        assertThat(results.get(1).path("isError").asBoolean()).as("declined: the pod is still there").isFalse();
        assertThat(results.get(2).path("isError").asBoolean()).as(results.get(2).toString()).isFalse();
        assertThat(cluster.client().pods().inNamespace(n).withName("api-0").get()).as("approved: deleted").isNull();
        assertThat(cluster.client().pods().inNamespace(n).withName("payments-7c9d-x2x").get()).isNotNull();

        var noElicitation = drive(cluster, List.of("--allow-writes"), null,
                List.of(call("kubectl", Map.of("command", "kubectl delete pod payments-7c9d-x2x -n " + n))));
        assertThat(noElicitation.path("results").get(0).path("text").asText()).contains("cannot ask a person");
        assertThat(cluster.client().pods().inNamespace(n).withName("payments-7c9d-x2x").get()).isNotNull();

        var readOnly = drive(cluster, List.of("--allow-writes", "--read-only"), List.of("accept"),
                List.of(call("kubectl", Map.of("command", "kubectl delete pod payments-7c9d-x2x -n " + n))));
        assertThat(readOnly.path("elicitations")).as("--read-only refuses without asking").isEmpty();
        assertThat(readOnly.path("results").get(0).path("text").asText()).contains("--read-only");
        assertThat(cluster.client().pods().inNamespace(n).withName("payments-7c9d-x2x").get()).isNotNull();
    }
}
