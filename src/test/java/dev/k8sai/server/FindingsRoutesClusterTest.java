package dev.k8sai.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.cli.Main;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** analyze and audit over HTTP against the real test API server: the same JSON as the CLI's. */
@RealCluster
class FindingsRoutesClusterTest {

    /** The CLI's stdout for {@code args} (the test cluster's kubeconfig added), exit 0 or 1. */
    static String cli(TestCluster cluster, String... args) {
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        all.add(1, "--kubeconfig=" + cluster.kubeconfig());
        int exit = cl.execute(all.toArray(String[]::new));
        assertThat(exit).as(err.toString()).isIn(0, 1);
        assertThat(out.toString()).as("stderr: " + err).isNotBlank();
        return out.toString();
    }

    @Test
    void analyzeAndAuditAnswerWhatTheCliPrints(TestCluster cluster, TestNamespace ns, @TempDir Path dir) throws Exception {
        ns.applyResource("fixtures/crashloop-pod.yaml");
        try (TestServer server = TestServer.start(dir, cluster.kubeconfig())) {
            String viewer = server.viewerJwt("vic");
            HttpResponse<String> analyze = server.post("/api/v1/analyze", viewer,
                    "{\"namespace\":\"" + ns.name() + "\"}");
            assertThat(analyze.statusCode()).as(analyze.body()).isEqualTo(200);
            JsonNode served = TestServer.json(analyze);
            JsonNode printed = TestServer.JSON.readTree(cli(cluster, "analyze", "-n", ns.name(), "-o", "json"));
            assertThat(served.path("findings")).as("the fixture has findings").isNotEmpty();
            assertThat(served).isEqualTo(printed);

            HttpResponse<String> audit = server.post("/api/v1/audit", viewer, "{\"namespace\":\"" + ns.name() + "\"}");
            assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
            assertThat(TestServer.json(audit))
                    .isEqualTo(TestServer.JSON.readTree(cli(cluster, "audit", "-n", ns.name(), "-o", "json")));

            HttpResponse<String> sarif = server.post("/api/v1/audit", viewer,
                    "{\"namespace\":\"" + ns.name() + "\",\"format\":\"sarif\"}");
            assertThat(sarif.headers().firstValue("Content-Type")).contains("application/sarif+json");
            assertThat(TestServer.json(sarif).path("version").asText()).isEqualTo("2.1.0");

            assertThat(server.post("/api/v1/analyze", viewer, "{\"namespaces\":\"x\"}").statusCode()).isEqualTo(400);
            assertThat(server.post("/api/v1/audit", viewer, "{\"format\":\"xml\"}").statusCode()).isEqualTo(400);
            assertThat(server.get("/readyz", null).statusCode()).isEqualTo(200);
            JsonNode line = server.awaitAuditLine(l -> "analyze".equals(l.path("operation").asText()));
            assertThat(line.path("user").asText()).isEqualTo("vic");
            assertThat(line.path("namespace").asText()).isEqualTo(ns.name());
        }
    }
}
