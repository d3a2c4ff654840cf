package dev.k8sai.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.k8sai.analyze.AnalyzeLiveClusterTest.Run;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --context a,b} on two real test API servers: the second one is started by this test
 * (scripts/test-cluster.sh with its own state directory), both are analysed in one run with
 * {@code cluster} on every finding; once it is stopped, it is one note line and the first cluster is
 * still reported.
 */
@RealCluster
class MultiClusterClusterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void twoClustersInOneRunAndAStoppedOneIsOneLine(TestCluster a, TestNamespace ns, @TempDir Path dir) throws Exception {
        Path stateB = dir.resolve("cluster-b");
        Path script = Path.of(System.getProperty("k8sai.repoRoot", System.getProperty("user.dir"))).resolve("scripts/test-cluster.sh");
        String started = script(script, stateB, "start");
        try {
            Path kubeconfigB = stateB.resolve("kubeconfig");
            assertThat(kubeconfigB).as(started).exists();
            Path merged = merge(a.kubeconfig(), kubeconfigB, dir.resolve("merged"));
            // the same namespace and the same broken Service in both clusters
            try (KubernetesClient b = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfigB))).build()) {
                b.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns.name()).endMetadata().build()).create();
                for (KubernetesClient client : List.of(a.client(), b)) {
                    client.services().inNamespace(ns.name()).resource(new ServiceBuilder().withNewMetadata().withName("ghost")
                            .endMetadata().withNewSpec().addToSelector("app", "ghost").addNewPort().withPort(80).endPort().endSpec()
                            .build()).create();
                }
            }
            Run both = AnalyzeLiveClusterTest.analyzeWith(merged, "--context", "a,b", "-n", ns.name(), "--filter", "service", "-o", "json");
            assertThat(both.exit()).as(both.err()).isEqualTo(1);
            JsonNode report = JSON.readTree(both.out());
            assertThat(report.get("source").asText()).isEqualTo("a,b");
            List<String> found = new ArrayList<>();
            report.get("findings").forEach(f -> found.add(f.get("cluster").asText() + ":" + f.get("name").asText() + ":" + f.get("reason").asText()));
            assertThat(found).containsExactlyInAnyOrder("a:ghost:SelectorMatchesNoPods", "b:ghost:SelectorMatchesNoPods");

            Run text = AnalyzeLiveClusterTest.analyzeWith(merged, "--all-contexts", "-n", ns.name(), "--filter", "service", "--no-color");
            assertThat(text.out()).contains("Cluster a\n  Namespace " + ns.name(), "Cluster b\n  Namespace " + ns.name());

            script(script, stateB, "stop");
            Run one = AnalyzeLiveClusterTest.analyzeWith(merged, "--context", "a,b", "-n", ns.name(), "--filter", "service", "-o", "json");
            assertThat(one.exit()).isEqualTo(1);
            assertThat(one.err().lines().toList()).singleElement().asString().startsWith("k8s-ai-agent: note: cluster b: not analyzed: ");
            List<String> remaining = new ArrayList<>();
            JSON.readTree(one.out()).get("findings").forEach(f -> remaining.add(f.get("cluster").asText()));
            assertThat(remaining).containsExactly("a");
        } finally {
            script(script, stateB, "stop");
        }
    }

    private static String script(Path script, Path state, String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(script.toString(), command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("K8S_AI_AGENT_CLUSTER_DIR", state.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    /** One kubeconfig with contexts "a" and "b" (clusters and users renamed so they do not collide). */
    private static Path merge(Path first, Path second, Path into) throws IOException {
        ObjectNode merged = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "Config").put("current-context", "a");
        ArrayNode clusters = merged.putArray("clusters");
        ArrayNode users = merged.putArray("users");
        ArrayNode contexts = merged.putArray("contexts");
        for (var entry : List.of(java.util.Map.entry("a", first), java.util.Map.entry("b", second))) {
            JsonNode kc = YAML.readTree(entry.getValue().toFile());
            String name = entry.getKey();
            JsonNode context = kc.get("contexts").get(0).get("context");
            clusters.addObject().put("name", name).set("cluster", find(kc.get("clusters"), context.get("cluster").asText()));
            users.addObject().put("name", name).set("user", find(kc.get("users"), context.get("user").asText()));
            ObjectNode c = contexts.addObject().put("name", name);
            c.putObject("context").put("cluster", name).put("user", name);
        }
        YAML.writeValue(into.toFile(), merged);
        return into;
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode n : list) {
            if (n.get("name").asText().equals(name)) {
                return n.get(n.has("cluster") ? "cluster" : "user");
            }
        }
        throw new AssertionError("no " + name);
    }
}
