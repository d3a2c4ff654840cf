package dev.k8sai.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.k8sai.server.auth.ApiTokens;
import dev.k8sai.server.auth.TestTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication over a real loopback socket: every negative of the issue is a 401, positives pass. */
class ServerAuthHttpTest {

    static TestServer server;

    @BeforeAll
    static void start(@TempDir Path dir) throws IOException {
        Path nowhere = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: u, user: {token: x}}]
                contexts: [{name: ctx, context: {cluster: c, user: u}}]
                current-context: ctx
                """);
        server = TestServer.start(dir, nowhere);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyBadCredentialIs401() {
        TestTokens k = server.keys;
        JWTClaimsSet viewer = TestTokens.claims("ann", "viewer").build();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("expired", k.rs256(TestTokens.claims("ann").expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))).build()));
        bad.put("wrong key", k.rs256WithOtherKey(viewer));
        bad.put("wrong aud", k.rs256(TestTokens.claims("ann").audience("other").build()));
        bad.put("wrong iss", k.rs256(TestTokens.claims("ann").issuer("https://evil.example").build()));
        bad.put("alg none", TestTokens.algNone(TestTokens.claims("ann", "admin").build()));
        bad.put("HS/RS confusion", k.hs256WithRsaPublicKey(TestTokens.claims("ann", "admin").build()));
        bad.put("tampered payload", TestTokens.tampered(k.rs256(viewer), TestTokens.claims("ann", "admin").build()));
        bad.put("unknown API token", ApiTokens.newToken());
        assertThat(server.get("/api/v1/whoami", null).statusCode()).as("no token").isEqualTo(401);
        bad.forEach((what, token) -> {
            HttpResponse<String> r = server.get("/api/v1/whoami", token);
            assertThat(r.statusCode()).as(what).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).as(what).contains("Bearer");
            assertThat(r.body()).as(what).contains("authentication required").doesNotContain(token);
        });
    }

    @Test
    void goodCredentialsNameTheUser() {
        assertThat(TestServer.json(server.get("/api/v1/whoami", server.operatorJwt("ann"))).path("role").asText())
                .isEqualTo("operator");
        assertThat(TestServer.json(server.get("/api/v1/whoami", server.viewerApiToken)).path("name").asText())
                .isEqualTo("ci-bot");
        String hs = TestTokens.hs256(TestTokens.HS_SECRET, TestTokens.claims("bob", "admin").build());
        assertThat(TestServer.json(server.get("/api/v1/whoami", hs)).path("role").asText()).isEqualTo("admin");
    }

    @Test
    void loginIssuesATokenAndAWrongPasswordIs401() {
        HttpResponse<String> ok = server.post("/api/v1/login", null, "{\"username\":\"alice\",\"password\":\"alice-password\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        String token = TestServer.json(ok).path("token").asText();
        assertThat(TestServer.json(ok).path("expiresIn").asLong()).isEqualTo(900);
        assertThat(TestServer.json(server.get("/api/v1/whoami", token)).path("name").asText()).isEqualTo("alice");
        assertThat(server.post("/api/v1/login", null, "{\"username\":\"alice\",\"password\":\"nope\"}").statusCode()).isEqualTo(401);
        assertThat(server.post("/api/v1/login", null, "{\"username\":\"nobody\",\"password\":\"nope\"}").statusCode()).isEqualTo(401);
        assertThat(server.post("/api/v1/login", null, "{\"user\":\"alice\"}").statusCode()).isEqualTo(400);
        assertThat(server.auditText()).doesNotContain("alice-password").doesNotContain(token);
    }

    @Test
    void probesMetricsAndTheApiDocumentArePublic() {
        assertThat(server.get("/healthz", null).statusCode()).isEqualTo(200);
        HttpResponse<String> ready = server.get("/readyz", null);
        assertThat(ready.statusCode()).as("the kubeconfig points at a closed port").isEqualTo(503);
        assertThat(TestServer.json(ready).path("cluster").asText()).isNotBlank();
        server.get("/api/v1/whoami", null);
        HttpResponse<String> metrics = server.get("/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("k8sai_http_requests_seconds_count{method=\"GET\",route=\"/api/v1/whoami\",status=\"401\"}");
        assertThat(server.get("/api/v1/openapi.json", null).statusCode()).isEqualTo(200);
    }

    /** A raw socket: the JDK client would keep sending the 2 MiB body into a connection the server closed. */
    @Test
    void aBodyOverTheCapIsRefused() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.running.server().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (2 << 20) + "\r\n\r\n{\"username\":\"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void everyRequestHasOneAuditLineWithoutCredentials() {
        String token = server.operatorJwt("auditee");
        server.get("/api/v1/whoami", token);
        JsonNode line = server.awaitAuditLine(l -> l.path("user").asText().equals("auditee"));
        assertThat(line.path("type").asText()).isEqualTo("request");
        assertThat(line.path("role").asText()).isEqualTo("operator");
        assertThat(line.path("path").asText()).isEqualTo("/api/v1/whoami");
        assertThat(line.path("status").asInt()).isEqualTo(200);
        assertThat(server.auditText()).doesNotContain(token).doesNotContain(server.viewerApiToken);
    }
}
