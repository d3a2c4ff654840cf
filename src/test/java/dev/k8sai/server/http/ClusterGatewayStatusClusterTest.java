package dev.k8sai.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.AgentException;
import dev.k8sai.cluster.ClusterTarget;
import dev.k8sai.cluster.KubeClients;
import dev.k8sai.cluster.KubeConnection;
import dev.k8sai.cluster.KubeconfigFiles;
import dev.k8sai.server.ServeSettings;
import dev.k8sai.server.TestServer;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve is the client's gateway to the cluster: a cluster it cannot use answers 502, one that does not
 * answer in time 504 (not 400, which blames the client's request), with the server's one-line error body,
 * and the OpenAPI document lists those answers. An RBAC refusal stays what it was.
 */
@RealCluster
class ClusterGatewayStatusClusterTest {

    @Test
    void anUnreachableClusterIsBadGatewayOnEveryClusterRoute(@TempDir Path dir) throws IOException {
        try (TestServer server = TestServer.start(dir, KubeconfigFiles.unreachable(dir))) {
            String viewer = server.viewerJwt("gus");
            List<HttpResponse<String>> answers = List.of(
                    server.post("/api/v1/analyze", viewer, "{}"),
                    server.post("/api/v1/audit", viewer, "{}"),
                    server.post("/api/v1/explain", viewer, "{\"findings\":[{\"analyzer\":\"pod\",\"kind\":\"Pod\","
                            + "\"namespace\":\"shop\",\"name\":\"x\",\"reason\":\"CrashLoopBackOff\"}]}"),
                    server.get("/api/v1/namespaces", viewer));
            for (HttpResponse<String> answer : answers) {
                assertGatewayError(answer, 502, "connection refused");
                server.assertDocumented(answer);
            }
        }
    }

    @Test
    void aClusterThatDoesNotAnswerInTimeIsGatewayTimeout(@TempDir Path dir) throws IOException {
        // A loopback listener that never accepts, its backlog filled: the kernel drops further connection
        // attempts, so the client's connect times out (5 s) as with a cluster behind a black hole.
        try (ServerSocket blackHole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> filling = fillBacklog(blackHole);
            Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                    apiVersion: v1
                    kind: Config
                    current-context: dev
                    clusters: [{name: c, cluster: {server: "https://127.0.0.1:%d", insecure-skip-tls-verify: true}}]
                    users: [{name: u, user: {token: t0ken}}]
                    contexts: [{name: dev, context: {cluster: c, user: u, namespace: shop}}]
                    """.formatted(blackHole.getLocalPort()));
            try (TestServer server = TestServer.start(dir, kubeconfig)) {
                HttpResponse<String> answer = server.post("/api/v1/analyze", server.viewerJwt("gus"), "{}");
                assertGatewayError(answer, 504, "timed out");
                server.assertDocumented(answer);
            } finally {
                for (Socket s : filling) {
                    s.close();
                }
            }
        }
    }

    @Test
    void anRbacRefusalStaysForbiddenAndTheNamespaceListStaysANote(TestCluster cluster, @TempDir Path dir)
            throws IOException {
        // the real API server's 403 for an identity without rights, as the use cases raise it
        ClusterTarget nobody = new ClusterTarget(cluster.kubeconfig(), null, "default", false, "nobody-gw", List.of());
        try (KubeConnection connection = KubeClients.connect(nobody, Map.of())) {
            AgentException refused;
            try {
                connection.client().pods().inNamespace("default").list();
                throw new AssertionError("nobody-gw may list pods");
            } catch (RuntimeException e) {
                refused = KubeClients.translate(e, "list", "pods", connection.serverUrl());
            }
            assertThat(refused.getMessage()).startsWith("forbidden");
            assertThat(RouteMounter.statusOf(refused)).isEqualTo(403);
        }
        try (TestServer server = TestServer.start(dir, cluster.kubeconfig(), s -> new ServeSettings(s.listen(), null, null,
                s.auth(), false, s.kubeconfig(), null, null, false, true, s.auditLog(), s.limits(), "test"), Map.of())) {
            HttpResponse<String> namespaces = server.get("/api/v1/namespaces", server.viewerJwt("nobody-gw"));
            assertThat(namespaces.statusCode()).as(namespaces.body()).isEqualTo(200);
            assertThat(TestServer.json(namespaces).path("note").asText()).startsWith("forbidden");
        }
    }

    /** The server's error shape: {"error": {"status": N, "message": one line}}. */
    private static void assertGatewayError(HttpResponse<String> answer, int status, String why) {
        assertThat(answer.statusCode()).as(answer.uri() + " " + answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode error = TestServer.json(answer).path("error");
        assertThat(error.path("status").asInt()).isEqualTo(status);
        assertThat(error.path("message").asText()).contains("cannot reach the Kubernetes API server", why)
                .doesNotContain("\n");
    }


    /** Connections that complete into the listener's queue without being accepted, until one no longer does. */
    private static List<Socket> fillBacklog(ServerSocket listener) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()), 300);
                sockets.add(s);
            } catch (IOException full) {
                s.close();
                return sockets;
            }
        }
        throw new IllegalStateException("the listener's backlog did not fill: " + sockets.size() + " connections");
    }
}
