package dev.k8sai.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.cluster.ClusterTarget;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.tools.Approver;
import dev.k8sai.tools.ChangeGuard;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The direct tool calls of a front end (the MCP server) keep one secret ledger for the session, as
 * an agent run does: a Secret value redacted in one call stays hidden when a later call finds the same
 * value under an innocent name.
 */
@RealCluster
class ToolCallsClusterTest {

    private static final String PLANTED = "Planted-Value-93kq7Zx";

    @Test
    void aSecretValueSeenInOneCallIsScrubbedFromALaterOne(TestCluster cluster, TestNamespace ns) throws Exception {
        ns.apply("""
                apiVersion: v1
                kind: Secret
                metadata: {name: db}
                stringData: {password: %s}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: innocent}
                data: {colour: %s}
                """.formatted(PLANTED, PLANTED));
        Map<String, String> env = Map.of("K8S_AI_AGENT_KUBECTL", cluster.kubectlBinary().toString());
        ChangeGuard readOnly = new ChangeGuard(ChangeGuard.Policy.REFUSE_ALL, Approver.DECLINE_ALL);
        try (ToolCalls calls = new ToolCalls(new ClusterTarget(cluster.kubeconfig(), null, ns.name(), false), env)) {
            String secret = calls.call("kubectl", "{\"command\": \"kubectl get secret db -o yaml\"}", readOnly).text();
            assertThat(secret).contains("REDACTED").doesNotContain(PLANTED);
            String configMap = calls.call("kubectl", "{\"command\": \"kubectl get configmap innocent -o yaml\"}", readOnly).text();
            assertThat(configMap).contains("innocent").doesNotContain(PLANTED);
        }
    }
}
