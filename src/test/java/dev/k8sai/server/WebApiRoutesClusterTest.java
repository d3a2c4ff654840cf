package dev.k8sai.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import dev.k8sai.testing.llm.ScriptedLlmServer.Reply;
import dev.k8sai.testing.llm.ScriptedLlmTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;


import org.junit.jupiter.api.Test;


/**
 * The routes the web page added: a chat turn that switches model (with the answering model, tokens and
 * cost in its usage event), a dry run that sends nothing, the namespace list, and explaining chosen findings.
 */
@RealCluster
class WebApiRoutesClusterTest extends ScriptedLlmTest {

    /** Two priced profiles on the scripted model server: cheap (default) and big. */
    private TestServer server(TestCluster cluster) throws IOException {
        Path config = Files.createDirectories(tmp.resolve("config/k8s-ai-agent")).resolve("config.yaml");
        Files.writeString(config, """
                defaultProfile: cheap
                profiles:
                  cheap: {type: openai-compatible, baseUrl: '%1$s', model: gpt-4o-mini, apiKeyEnv: OPENAI_API_KEY,
                          inputPricePerMillion: 0.15, outputPricePerMillion: 0.6}
                  big: {type: openai-compatible, baseUrl: '%1$s', model: gpt-4.1, apiKeyEnv: OPENAI_API_KEY,
                        inputPricePerMillion: 2, outputPricePerMillion: 8}
                """.formatted(super.server.baseUrl()));
        return TestServer.start(tmp, cluster.kubeconfig(), s -> new ServeSettings(s.listen(), null, null, s.auth(), false,
                        s.kubeconfig(), null, null, false, false, s.auditLog(),
                        new ServeSettings.Limits(1 << 20, 2, 200_000, Duration.ofMinutes(5), Duration.ofMinutes(1),
                                Duration.ofSeconds(5)), "test"),
                Map.of("OPENAI_API_KEY", "sk-test", "K8S_AI_AGENT_KUBECTL", cluster.kubectlBinary().toString(),
                        "XDG_CONFIG_HOME", tmp.resolve("config").toString(), "XDG_CACHE_HOME", tmp.resolve("cache").toString()));
    }

    @Test
    void aFollowUpSwitchesModelKeepsTheConversationAndReportsWhoAnsweredWithCost(TestCluster cluster, TestNamespace ns)
            throws Exception {
        super.server.enqueue(Reply.text("First answer.").withUsage(1000, 100));
        super.server.enqueue(Reply.text("Second answer.").withUsage(2000, 500));
        try (TestServer server = server(cluster)) {
            String viewer = server.viewerJwt("vera");
            assertThat(TestServer.json(server.get("/api/v1/profiles", viewer)).path("profiles").get(1)
                    .path("inputPricePerMillion").asDouble()).isEqualTo(2.0);
            HttpResponse<String> started = server.post("/api/v1/runs", viewer,
                    "{\"kind\":\"chat\",\"message\":\"hello\",\"namespace\":\"" + ns.name() + "\"}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            String id = TestServer.json(started).path("id").asText();
            JsonNode first = SseClient.follow(server, "/api/v1/runs/" + id + "/events", viewer).await().first("usage").data();
            assertThat(first.path("profile").asText()).isEqualTo("cheap");
            assertThat(first.path("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(first.path("cost").asDouble()).isCloseTo((1000 * 0.15 + 100 * 0.6) / 1e6, within(1e-12));

            HttpResponse<String> next = server.post("/api/v1/runs/" + id + "/messages", viewer,
                    "{\"message\":\"and now?\",\"profile\":\"big\"}");
            assertThat(next.statusCode()).as(next.body()).isEqualTo(202);
            JsonNode second = SseClient.follow(server, TestServer.json(next).path("events").asText(), viewer).await()
                    .first("usage").data();
            assertThat(second.path("model").asText()).isEqualTo("gpt-4.1");
            assertThat(second.path("input").asLong()).isEqualTo(2000);
            assertThat(second.path("cost").asDouble()).isCloseTo((2000 * 2 + 500 * 8) / 1e6, within(1e-12));
            ScriptedLlmServer.RecordedRequest sent = super.server.chatRequests().getLast();
            assertThat(sent.json().path("model").asText()).isEqualTo("gpt-4.1");
            assertThat(ScriptedLlmServer.messageContents(sent)).as("the new model gets the conversation so far")
                    .contains("hello", "First answer.", "and now?");

            HttpResponse<String> unknown = server.post("/api/v1/runs/" + id + "/messages", viewer,
                    "{\"message\":\"x\",\"profile\":\"nope\"}");
            assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
            assertThat(TestServer.json(unknown).path("error").path("message").asText()).contains("nope");
            assertThat(TestServer.json(server.get("/api/v1/runs/" + id, viewer)).path("busy").asBoolean())
                    .as("a refused switch leaves the run free").isFalse();
        }
    }

    @Test
    void aDryRunShowsTheRequestAndItsTokensAndSendsNothing(TestCluster cluster, TestNamespace ns) throws Exception {
        try (TestServer server = server(cluster)) {
            String viewer = server.viewerJwt("vera");
            HttpResponse<String> preview = server.post("/api/v1/runs", viewer, "{\"kind\":\"chat\",\"message\":\"list the pods please\","
                    + "\"namespace\":\"" + ns.name() + "\",\"profile\":\"big\",\"dryRun\":true}");
            assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
            JsonNode body = TestServer.json(preview);
            assertThat(body.path("dryRun").asBoolean()).isTrue();
            assertThat(body.path("model").asText()).isEqualTo("gpt-4.1");
            assertThat(body.path("requests").get(0).asText()).contains("list the pods please", ns.name(), "kubectl");
            assertThat(body.path("estimatedInputTokens").asInt()).isGreaterThan(100);
            assertThat(body.path("encoding").asText()).isNotBlank();
            assertThat(super.server.chatRequests()).as("nothing was sent").isEmpty();
            assertThat(TestServer.json(server.get("/api/v1/approvals", viewer)).path("approvals")).isEmpty();
        }
    }

    @Test
    void namespacesAreListedWithTheServersContext(TestCluster cluster, TestNamespace ns) throws Exception {
        try (TestServer server = server(cluster)) {
            JsonNode body = TestServer.json(server.get("/api/v1/namespaces", server.viewerJwt("vera")));
            List<String> names = new java.util.ArrayList<>();
            body.path("namespaces").forEach(n -> names.add(n.asText()));
            assertThat(names).contains(ns.name(), "default", "kube-system");
            assertThat(body.path("context").asText()).isNotBlank();
            assertThat(server.get("/api/v1/namespaces", null).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void chosenFindingsAreExplainedFromTheClustersOwnText(TestCluster cluster, TestNamespace ns) throws Exception {
        ns.applyResource("fixtures/crashloop-pod.yaml");
        super.server.reply("```json\n[{\"id\": 1, \"cause\": \"The container exits at start.\", \"fix\": \"Read its logs.\"}]\n```");
        try (TestServer server = server(cluster)) {
            String viewer = server.viewerJwt("vera");
            JsonNode finding = TestServer.json(server.post("/api/v1/analyze", viewer, "{\"namespace\":\"" + ns.name() + "\"}"))
                    .path("findings").get(0);
            String key = "{\"analyzer\":\"%s\",\"kind\":\"%s\",\"namespace\":\"%s\",\"name\":\"%s\",\"reason\":\"%s\"}".formatted(
                    finding.path("analyzer").asText(), finding.path("kind").asText(), ns.name(),
                    finding.path("name").asText(), finding.path("reason").asText());
            HttpResponse<String> explained = server.post("/api/v1/explain", viewer,
                    "{\"namespace\":\"" + ns.name() + "\",\"findings\":[" + key + "]}");
            assertThat(explained.statusCode()).as(explained.body()).isEqualTo(200);
            JsonNode one = TestServer.json(explained).path("findings");
            assertThat(one).hasSize(1);
            assertThat(one.get(0).path("explanation").asText()).contains("The container exits at start.");
            assertThat(String.join("\n", ScriptedLlmServer.messageContents(super.server.chatRequests().getLast())))
                    .contains(finding.path("message").asText());

            HttpResponse<String> gone = server.post("/api/v1/explain", viewer, "{\"namespace\":\"" + ns.name() + "\",\"findings\":["
                    + key.replace(finding.path("name").asText(), "no-such-pod") + "]}");
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(server.post("/api/v1/explain", viewer, "{\"findings\":[]}").statusCode()).isEqualTo(400);
        }
    }
}
