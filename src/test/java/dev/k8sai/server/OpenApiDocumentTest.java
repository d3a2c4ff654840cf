package dev.k8sai.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.web.WebPageRoutes;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document and the routes the server really has agree, both ways. */
class OpenApiDocumentTest {

    @Test
    void documentListsExactlyTheRegisteredRoutesAndEachAnswers(@TempDir Path dir) throws IOException {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n");
        try (TestServer server = TestServer.start(dir, kubeconfig)) {
            JsonNode doc = TestServer.json(server.get("/api/v1/openapi.json", null));
            assertThat(doc.path("openapi").asText()).startsWith("3.");
            Set<String> documented = new HashSet<>();
            Set<String> methods = Set.of("get", "post", "put", "patch", "delete");
            doc.path("paths").properties().forEach(path -> path.getValue().properties().stream()
                    .filter(op -> methods.contains(op.getKey()))
                    .forEach(op -> documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
            Set<String> registered = new HashSet<>();
            // the web page's static files are not API operations
            server.running.server().routes().stream()
                    .filter(r -> !r.path().equals(WebPageRoutes.ROOT) && !r.path().startsWith(WebPageRoutes.ASSETS))
                    .forEach(r -> registered.add(r.method() + " " + r.path()));
            assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);

            // every documented operation exists on the socket: whatever it answers, not 404/405 for the route itself
            String token = server.operatorJwt("openapi-check");
            for (String op : documented) {
                String method = op.substring(0, op.indexOf(' '));
                String path = op.substring(op.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "no-such-id");
                HttpRequest.Builder b = server.request(path, token).header("Content-Type", "application/json");
                HttpRequest request = method.equals("GET") ? b.GET().build()
                        : b.method(method, HttpRequest.BodyPublishers.ofString("{}")).build();
                int status = server.send(request).statusCode();
                assertThat(status).as(op).isNotEqualTo(405);
                if (!path.contains("no-such-id")) {
                    assertThat(status).as(op).isNotEqualTo(404);
                }
            }
        }
    }
}
