package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 18: the README's live demo — scripts/demo-cluster.sh, then analyze -A — on the real API server.
 * Its own state directory (and free ports), so it runs beside the JUnit extension's test cluster.
 */
@Tag("cluster")
class DemoClusterScriptTest {

    @TempDir
    Path tmp;

    private String script(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("scripts/demo-cluster.sh"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(tmp.resolve("script.err").toFile());
        pb.environment().put("K8S_AI_AGENT_DEMO_DIR", tmp.resolve("demo").toString());
        // the loader from this build's classes rather than a packaged jar
        pb.environment().put("K8S_AI_AGENT_DEMO_CLASSPATH", System.getProperty("java.class.path"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(java.nio.file.Files.readString(tmp.resolve("script.err"))).isZero();
        return out;
    }

    @Test
    void demoClusterThenAnalyzeAllNamespacesFindsTheBrokenShop() throws Exception {
        try {
            String exports = script();
            String kubeconfig = exports.lines().filter(l -> l.startsWith("export KUBECONFIG=")).findFirst()
                    .orElseThrow(() -> new AssertionError("no export line in: " + exports)).substring("export KUBECONFIG=".length());
            assertThat(kubeconfig).isEqualTo(tmp.resolve("demo/kubeconfig").toString());

            CommandLine cl = Main.newCommandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            int exit = cl.execute("--kubeconfig", kubeconfig, "analyze", "-A", "-o", "json");

            assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.FINDINGS);
            JsonNode report = new ObjectMapper().readTree(out.toString());
            List<String> found = new ArrayList<>();
            report.path("findings").forEach(f -> found.add(f.path("kind").asText() + " " + f.path("namespace").asText() + "/"
                    + f.path("name").asText() + " " + f.path("reason").asText() + " " + f.path("message").asText()));
            String all = String.join("\n", found);
            // the five problems the example's header names, now judged live in namespace shop
            assertThat(all).contains("shop/payments").contains("CrashLoopBackOff")
                    .contains("cart-config").contains("shop/checkout").contains("orders-db").contains("search");
        } finally {
            script("stop");
        }
    }
}
