package dev.k8sai.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configured MCP server that cannot be started is a note of the run: over the server it arrives in the
 * run's event stream (it used to go to the server process's stderr, where no user of the API sees it).
 */
@RealCluster
class RunNotesClusterTest {

    @Test
    void aMissingMcpServerIsANoteEventOfTheRun(TestCluster cluster, TestNamespace ns, @TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), "mcpServers:\n  gone: {command: /nonexistent/mcp-server}\n");
        try (ScriptedLlmServer llm = ScriptedLlmServer.start()) {
            llm.reply("Nothing to do.");
            try (TestServer server = TestServer.start(dir, cluster.kubeconfig(), s -> new ServeSettings(s.listen(), null, null,
                            s.auth(), false, s.kubeconfig(), null, config, false, false, s.auditLog(), s.limits(), "test"),
                    Map.of("OPENAI_BASE_URL", llm.baseUrl(), "OPENAI_API_KEY", "sk-test",
                            "K8S_AI_AGENT_KUBECTL", cluster.kubectlBinary().toString()))) {
                String viewer = server.viewerJwt("vic");
                String id = TestServer.json(server.post("/api/v1/runs", viewer, "{\"message\":\"anything wrong?\",\"namespace\":\""
                        + ns.name() + "\",\"readOnly\":true}")).path("id").asText();
                SseClient events = SseClient.follow(server, "/api/v1/runs/" + id + "/events", viewer).await();
                List<JsonNode> notes = events.events.stream().filter(e -> e.name().equals("note")).map(SseClient.Event::data).toList();
                assertThat(notes).hasSize(1);
                assertThat(notes.getFirst().path("text").asText()).contains("MCP server 'gone' left out");
            }
        }
    }
}
