package dev.k8sai.mcp.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /mcp over plain HTTP: the server's authentication in front (401 with WWW-Authenticate), a session
 * that only its own user can use, and the protocol's status codes. The kubeconfig names a cluster that is
 * never contacted: initialize and tools/list need none.
 */
class McpHttpAuthTest {

    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},
             "clientInfo":{"name":"plain-http","version":"1"}}}""";
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

    @TempDir
    Path dir;

    private TestServer start() throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """);
        return TestServer.start(dir, kubeconfig);
    }

    private static HttpResponse<String> post(TestServer server, String bearer, String sessionId, String json) {
        HttpRequest.Builder b = server.request(McpHttpRoutes.PATH, bearer).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream");
        if (sessionId != null) {
            b.header("Mcp-Session-Id", sessionId);
        }
        return server.send(b.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    @Test
    void withoutAValidTokenMcpAnswers401() throws Exception {
        try (TestServer server = start()) {
            HttpResponse<String> none = post(server, null, null, INITIALIZE);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(none.body()).doesNotContain("k8s-ai-agent\"").doesNotContain("tools");

            assertThat(post(server, "not-a-token", null, INITIALIZE).statusCode()).isEqualTo(401);
            JsonNode audited = server.awaitAuditLine(l -> "/mcp".equals(l.path("path").asText()) && l.path("status").asInt() == 401);
            assertThat(audited.has("user")).isFalse();
        }
    }

    @Test
    void aSessionBelongsToTheUserWhoOpenedIt() throws Exception {
        try (TestServer server = start()) {
            String ann = server.viewerJwt("ann");
            HttpResponse<String> init = post(server, ann, null, INITIALIZE);
            assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
            assertThat(TestServer.json(init).path("result").path("serverInfo").path("name").asText()).isEqualTo("k8s-ai-agent");
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();

            HttpResponse<String> tools = post(server, ann, session, LIST);
            assertThat(tools.statusCode()).as(tools.body()).isEqualTo(200);
            assertThat(TestServer.json(tools).path("result").path("tools").findValuesAsText("name")).contains("analyze", "kubectl");

            assertThat(post(server, server.viewerJwt("bob"), session, LIST).statusCode()).as("bob cannot use ann's session").isEqualTo(404);
            assertThat(post(server, ann, null, LIST).statusCode()).as("no session header").isEqualTo(400);
            assertThat(post(server, ann, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode())
                    .isEqualTo(202);
            HttpResponse<String> garbage = post(server, ann, session, "not json");
            assertThat(garbage.statusCode()).as(garbage.body()).isEqualTo(400);
            assertThat(TestServer.json(garbage).path("error").path("code").asInt()).isEqualTo(-32700);

            HttpResponse<String> ended = server.send(server.request(McpHttpRoutes.PATH, ann).header("Mcp-Session-Id", session)
                    .DELETE().build());
            assertThat(ended.statusCode()).isEqualTo(204);
            assertThat(post(server, ann, session, LIST).statusCode()).as("ended").isEqualTo(404);
        }
    }
}
