package dev.k8sai.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the pod's service account is used instead of a kubeconfig (the real thing: scripts/test-deploy.sh). */
class InClusterTest {

    private static final Map<String, String> POD_ENV = Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "443");

    @Test
    void onlyInAPodWithNoKubeconfigAnywhere(@TempDir Path dir) throws IOException {
        Path sa = Files.createDirectories(dir.resolve("sa"));
        Path missing = dir.resolve("home/.kube/config");
        assertThat(InCluster.applies(null, null, missing, POD_ENV, sa)).as("no token mounted").isFalse();
        Files.writeString(sa.resolve("token"), "t");
        assertThat(InCluster.applies(null, null, missing, POD_ENV, sa)).isTrue();
        assertThat(InCluster.applies(null, "", missing, POD_ENV, sa)).isTrue();
        assertThat(InCluster.applies(null, null, missing, Map.of(), sa)).as("not in a pod").isFalse();
        assertThat(InCluster.applies(missing, null, missing, POD_ENV, sa)).as("--kubeconfig named").isFalse();
        assertThat(InCluster.applies(null, missing.toString(), missing, POD_ENV, sa)).as("KUBECONFIG set").isFalse();
        Path existing = Files.writeString(dir.resolve("config"), "apiVersion: v1");
        assertThat(InCluster.applies(null, null, existing, POD_ENV, sa)).as("~/.kube/config exists").isFalse();
    }
}
