package dev.k8sai.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.server.auth.ApiTokens;
import dev.k8sai.server.auth.AuthSettings;
import dev.k8sai.server.auth.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The real server on a free loopback port (the same launcher as {@code serve}), with every
 * authentication method configured and the audit log in a file, plus a JDK HTTP client to call it.
 */
public final class TestServer implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    public final TestTokens keys = new TestTokens();
    public final String viewerApiToken = ApiTokens.newToken();
    public final Path auditFile;
    public final ServerLauncher.Running running;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Path dir, Path kubeconfig, UnaryOperator<ServeSettings> adjust, Map<String, String> env)
            throws IOException {
        AuthSettings auth = keys.authSettings(dir, viewerApiToken);
        auditFile = dir.resolve("audit.jsonl");
        ServeSettings settings = new ServeSettings(new ListenAddress("127.0.0.1", 0), null, null, auth, false,
                kubeconfig, null, null, false, false, auditFile.toString(), ServeSettings.Limits.DEFAULT, "test");
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("JWT_SECRET", TestTokens.HS_SECRET);
        running = ServerLauncher.launch(adjust.apply(settings), all);
    }

    /** {@code kubeconfig}: the test cluster's, or a file pointing nowhere. */
    public static TestServer start(Path dir, Path kubeconfig) throws IOException {
        return new TestServer(dir, kubeconfig, UnaryOperator.identity(), Map.of());
    }

    /** {@code env}: the server process's environment (model endpoint, kubectl binary…). */
    public static TestServer start(Path dir, Path kubeconfig, UnaryOperator<ServeSettings> adjust, Map<String, String> env)
            throws IOException {
        return new TestServer(dir, kubeconfig, adjust, env);
    }

    /**
     * The server on the test cluster with the scripted model as its provider and kubectl from the test
     * binaries; {@code allowWrites} and {@code approvalTimeout} as {@code serve}'s options.
     */
    public static TestServer withModel(Path dir, dev.k8sai.testing.cluster.TestCluster cluster,
                                       dev.k8sai.testing.llm.ScriptedLlmServer llm, boolean allowWrites,
                                       Duration approvalTimeout) throws IOException {
        return withModel(dir, cluster, llm, allowWrites, new ServeSettings.Limits(1 << 20, 2, 200_000,
                Duration.ofMinutes(5), approvalTimeout, Duration.ofSeconds(5)));
    }

    /** As above with all of {@code serve}'s limits; explanations are cached under {@code dir}. */
    public static TestServer withModel(Path dir, dev.k8sai.testing.cluster.TestCluster cluster,
                                       dev.k8sai.testing.llm.ScriptedLlmServer llm, boolean allowWrites,
                                       ServeSettings.Limits limits) throws IOException {
        return start(dir, cluster.kubeconfig(), s -> new ServeSettings(s.listen(), null, null, s.auth(), false,
                        s.kubeconfig(), null, null, allowWrites, false, s.auditLog(), limits, "test"),
                Map.of("OPENAI_BASE_URL", llm.baseUrl(), "OPENAI_API_KEY", "sk-test",
                        "K8S_AI_AGENT_KUBECTL", cluster.kubectlBinary().toString(),
                        "XDG_CONFIG_HOME", dir.resolve("config").toString(),
                        "K8S_AI_AGENT_CACHE", dir.resolve("cache").toString()));
    }

    public URI uri(String path) {
        return running.server().baseUri().resolve(path);
    }

    public String operatorJwt(String user) {
        return keys.rs256(TestTokens.claims(user, "operator").build());
    }

    public String viewerJwt(String user) {
        return keys.rs256(TestTokens.claims(user, "viewer").build());
    }

    public HttpResponse<String> get(String path, String bearer) {
        return send(request(path, bearer).GET().build());
    }

    public HttpResponse<String> post(String path, String bearer, String json) {
        return send(request(path, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
        return bearer == null ? b : b.header("Authorization", "Bearer " + bearer);
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient http() {
        return http;
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that the served OpenAPI document lists {@code answer}'s status for its method and path. */
    public void assertDocumented(HttpResponse<String> answer) {
        JsonNode doc = json(get("/api/v1/openapi.json", null));
        String path = answer.uri().getPath();
        String method = answer.request().method().toLowerCase(java.util.Locale.ROOT);
        org.assertj.core.api.Assertions.assertThat(doc.path("paths").path(path).path(method).path("responses")
                .has(String.valueOf(answer.statusCode()))).as(method + " " + path + " documents " + answer.statusCode()).isTrue();
    }

    public List<JsonNode> auditLines() {
        try {
            return Files.readAllLines(auditFile).stream().filter(l -> !l.isBlank()).map(l -> {
                try {
                    return JSON.readTree(l);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first audit line matching {@code test}, waiting up to 5 s: a request's line is written after
     * its response, so the client can be faster than the log.
     */
    public JsonNode awaitAuditLine(java.util.function.Predicate<JsonNode> test) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            var match = auditLines().stream().filter(test).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching audit line in:\n" + auditText());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public String auditText() {
        try {
            return Files.readString(auditFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        running.close();
    }
}
