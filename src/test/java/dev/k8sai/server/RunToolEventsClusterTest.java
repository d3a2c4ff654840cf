package dev.k8sai.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.llm.ToolCall;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.testing.llm.ScriptedLlmTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run's {@code tool} events carry the command as it runs (parsed and quoted as at the approval
 * prompt), never the model's raw argument JSON, and no secret the model put into its arguments.
 */
@RealCluster
class RunToolEventsClusterTest extends ScriptedLlmTest {

    static final String PLANTED_PASSWORD = "PlantedValue0xC0FFEE";
    static final String PLANTED_TOKEN = "PlantedBearer9f8e7d6c5b4a";

    @Test
    void toolEventsShowTheExactCommandWithSecretsRedacted(TestCluster cluster, TestNamespace ns) throws Exception {
        ns.applyResource("fixtures/crashloop-pod.yaml");
        String n = ns.name();
        super.server.toolCalls(
                new ToolCall("c1", "kubectl", "{\"command\": \"get pods -n " + n + " -o name | grep payments\"}"),
                new ToolCall("c2", "kubectl", "{\"command\": \"kubectl create secret generic leaked -n " + n
                        + " --from-literal=password=" + PLANTED_PASSWORD + "\"}"),
                new ToolCall("c3", "kubectl", "{\"command\": \"kubectl get pods -n " + n + " --token " + PLANTED_TOKEN + "\"}"),
                new ToolCall("c4", "kubectl", "{\"command\": \"kubectl get pods -n " + n + " -l 'app=a\\u001b[2Kb'\"}"));
        super.server.reply("Done.");
        try (TestServer server = TestServer.withModel(tmp, cluster, super.server, false, Duration.ofMinutes(1))) {
            String viewer = server.viewerJwt("vera");
            HttpResponse<String> started = server.post("/api/v1/runs", viewer,
                    "{\"message\":\"look around\",\"namespace\":\"" + n + "\"}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            SseClient events = SseClient.follow(server, "/api/v1/runs/" + TestServer.json(started).path("id").asText()
                    + "/events", viewer).await();

            List<String> commands = events.events.stream().filter(e -> e.name().equals("tool"))
                    .map(e -> e.data().path("command").asText()).toList();
            assertThat(commands).hasSize(4);
            assertThat(commands.get(0)).as("kubectl added, the pipe shown as parsed")
                    .isEqualTo("kubectl get pods -n " + n + " -o name | grep payments");
            assertThat(commands.get(1)).startsWith("kubectl create secret generic leaked -n " + n + " --from-literal=password=")
                    .doesNotContain(PLANTED_PASSWORD);
            assertThat(commands.get(2)).startsWith("kubectl get pods -n " + n + " --token ").doesNotContain(PLANTED_TOKEN);
            assertThat(commands.get(3)).as("the control character is shown escaped, quoted as at the prompt")
                    .isEqualTo("kubectl get pods -n " + n + " -l $'app=a\\u001b[2Kb'");
            assertThat(commands).noneMatch(c -> c.contains("\"command\"") || c.contains("\u001b"));

            String everything = events.events.toString() + server.auditText();
            assertThat(everything).doesNotContain(PLANTED_PASSWORD).doesNotContain(PLANTED_TOKEN);
            assertThat(server.auditLines()).filteredOn(l -> l.path("type").asText().equals("tool"))
                    .extracting(l -> l.path("command").asText()).containsExactlyElementsOf(commands);
        }
    }
}
