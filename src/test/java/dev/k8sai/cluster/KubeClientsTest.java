package dev.k8sai.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeClientsTest {

    @TempDir
    Path dir;

    @Test
    void exposesContextNamespaceAndServer() throws Exception {
        Path kc = KubeconfigFiles.unreachable(dir);
        try (KubeConnection c = KubeClients.connect(kc, null)) {
            assertThat(c.contextName()).isEqualTo("dev");
            assertThat(c.namespace()).isEqualTo("shop");
            assertThat(c.serverUrl()).startsWith("https://127.0.0.1:");
            assertThat(c.kubeconfig()).isEqualTo(kc);
        }
        try (KubeConnection c = KubeClients.connect(kc, "staging")) {
            assertThat(c.contextName()).isEqualTo("staging");
            assertThat(c.namespace()).isEqualTo("default");
        }
    }

    @Test
    void unknownContextListsTheAvailableOnes() throws Exception {
        Path kc = KubeconfigFiles.unreachable(dir);
        assertThatThrownBy(() -> KubeClients.connect(kc, "prod"))
                .isInstanceOf(AgentException.class)
                .hasMessage("context 'prod' not found in " + kc + "; available: dev, staging")
                .satisfies(e -> assertThat(((AgentException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
    }

    @Test
    void missingKubeconfigNamesTheFile() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> KubeClients.connect(missing, null))
                .isInstanceOf(AgentException.class)
                .hasMessage("cannot read kubeconfig " + missing + ": no such file (use --kubeconfig FILE or set KUBECONFIG)");
    }

    @Test
    void garbageKubeconfigIsOneLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad"), "clusters: [unclosed\n");
        assertThatThrownBy(() -> KubeClients.connect(bad, null))
                .isInstanceOf(AgentException.class)
                .hasMessageStartingWith("cannot parse kubeconfig " + bad + ": ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void kubeconfigResolutionFollowsKubectl() throws Exception {
        Path a = dir.resolve("a");
        Path b = Files.writeString(dir.resolve("b"), "x");
        assertThat(KubeClients.resolveKubeconfig(a, "ignored", "/home/u")).isEqualTo(a);
        assertThat(KubeClients.resolveKubeconfig(null, a + ":" + b, "/home/u")).isEqualTo(b);
        assertThat(KubeClients.resolveKubeconfig(null, a.toString(), "/home/u")).isEqualTo(a);
        assertThat(KubeClients.resolveKubeconfig(null, null, "/home/u")).isEqualTo(Path.of("/home/u/.kube/config"));
    }

    @Test
    void unreachableServerIsOneLineNamingTheUrl() throws Exception {
        Path kc = KubeconfigFiles.unreachable(dir);
        try (KubeConnection c = KubeClients.connect(kc, null)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> new LiveSnapshotSource(c).collect(Set.of(Pod.class, ConfigMap.class), "shop", null))
                    .isInstanceOf(AgentException.class)
                    .hasMessage("cannot reach the Kubernetes API server at " + c.serverUrl()
                            + ": connection refused (is the cluster running and the --context right?)");
            assertThat((System.nanoTime() - start) / 1_000_000).as("fails fast").isLessThan(5_000);
        }
    }

    @Test
    void translatesAuthFailures() {
        var forbidden = new KubernetesClientException("Forbidden", 403, new StatusBuilder().withCode(403).build());
        assertThat(KubeClients.translate(forbidden, "list", "secrets in namespace shop", "https://k:6443").getMessage())
                .isEqualTo("forbidden: cannot list secrets in namespace shop (403); your RBAC role does not allow it");
        var unauthorized = new KubernetesClientException("Unauthorized", 401, new StatusBuilder().withCode(401).build());
        assertThat(KubeClients.translate(unauthorized, "list", "pods", "https://k:6443").getMessage())
                .startsWith("unauthorized at https://k:6443: the credentials of this context were rejected (401)");
        var refused = new KubernetesClientException("boom", new ConnectException("Connection refused"));
        assertThat(KubeClients.translate(refused, "list", "pods", "https://k:6443").getMessage())
                .isEqualTo("cannot reach the Kubernetes API server at https://k:6443: connection refused (is the cluster running and the --context right?)");
        var other = new KubernetesClientException("bad", 500, new StatusBuilder().withCode(500).withMessage("etcd is sad").build());
        assertThat(KubeClients.translate(other, "list", "pods", "https://k:6443").getMessage())
                .isEqualTo("cannot list pods at https://k:6443 (500): etcd is sad");
    }
}
