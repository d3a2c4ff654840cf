package dev.k8sai.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trust as kubectl has it, and the connection opened early, on the real API server (its certificate is
 * signed by the test cluster's own CA, which no public trust store holds).
 */
@RealCluster
class KubeconfigTrustClusterTest {

    @TempDir
    Path dir;

    /** A kubeconfig for the test cluster as the admin, with {@code clusterTls} as its cluster's TLS settings. */
    private Path kubeconfig(TestCluster cluster, String clusterTls) throws Exception {
        Path pki = cluster.kubeconfig().getParent().resolve("pki");
        return Files.writeString(dir.resolve("kc-" + Math.abs(clusterTls.hashCode())), """
                apiVersion: v1
                kind: Config
                current-context: t
                clusters: [{name: c, cluster: {server: "%s"%s}}]
                users: [{name: a, user: {client-certificate: "%s", client-key: "%s"}}]
                contexts: [{name: t, context: {cluster: c, user: a}}]
                """.formatted(cluster.client().getConfiguration().getMasterUrl(), clusterTls,
                pki.resolve("admin.crt"), pki.resolve("admin.key")));
    }

    private static void assertTlsFailure(Path kubeconfig, String namespace) {
        try (KubeConnection c = KubeClients.connect(kubeconfig, null)) {
            assertThatThrownBy(() -> new LiveSnapshotSource(c).collect(Set.of(Pod.class), namespace, null))
                    .isInstanceOf(AgentException.class)
                    .hasMessageStartingWith("cannot reach the Kubernetes API server at " + c.serverUrl() + ": TLS handshake failed (")
                    .hasMessageNotContaining("\n")
                    .satisfies(e -> assertThat(((AgentException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
        }
    }

    @Test
    void theKubeconfigsCaIsTrustedAlone(TestCluster cluster, TestNamespace ns) throws Exception {
        Path ca = cluster.kubeconfig().getParent().resolve("pki/ca.crt");
        Path own = kubeconfig(cluster, ", certificate-authority: \"" + ca + "\"");
        try (KubeConnection c = KubeClients.connect(own, null)) {
            assertThat(new LiveSnapshotSource(c).collect(Set.of(Pod.class), ns.name(), null).snapshot().collected(Pod.class)).isTrue();
        }
        // a real CA that did not sign the server: one line, exit 2 (fabric8 alone would also have trusted ~140 public CAs)
        String otherCa = KubeconfigCaTrustTest.pem(KubeconfigCaTrustTest.someCa());
        Path other = kubeconfig(cluster, ", certificate-authority-data: \""
                + java.util.Base64.getEncoder().encodeToString(otherCa.getBytes(java.nio.charset.StandardCharsets.US_ASCII)) + "\"");
        assertTlsFailure(other, ns.name());
    }

    /**
     * A closed connection leaves no JDK HTTP selector thread in native code: the JVM's exit would wait up
     * to 300 ms for it, a third of a short live analyze.
     */
    @Test
    void closingAConnectionEndsItsHttpSelectorThread(TestCluster cluster, TestNamespace ns) throws Exception {
        Set<Thread> before = selectorThreads();
        Set<Thread> started;
        try (KubeConnection c = KubeClients.connect(cluster.kubeconfig(), null)) {
            new LiveSnapshotSource(c).collect(Set.of(Pod.class), ns.name(), null);
            started = selectorThreads();
            started.removeAll(before);
            assertThat(started).as("the connection's selector thread").isNotEmpty();
        }
        for (Thread t : started) {
            t.join(2_000);
            assertThat(t.isAlive()).as(t.getName() + " after close").isFalse();
        }
    }

    private static Set<Thread> selectorThreads() {
        Set<Thread> threads = new java.util.HashSet<>(Thread.getAllStackTraces().keySet());
        threads.removeIf(t -> !t.getName().matches("HttpClient-\\d+-SelectorManager"));
        return threads;
    }

    @Test
    void withoutACaTheJdksTrustStoreDecidesAsBefore(TestCluster cluster, TestNamespace ns) throws Exception {
        // the test CA is in no public trust store: the handshake fails rather than trusting anything
        assertTlsFailure(kubeconfig(cluster, ""), ns.name());
        // insecure-skip-tls-verify still connects
        try (KubeConnection c = KubeClients.connect(kubeconfig(cluster, ", insecure-skip-tls-verify: true"), null)) {
            assertThat(new LiveSnapshotSource(c).collect(Set.of(Pod.class), ns.name(), null).snapshot().collected(Pod.class)).isTrue();
        }
    }

    @Test
    void anEarlyConnectionServesTheSameTargetOnce(TestCluster cluster, TestNamespace ns) {
        ClusterTarget target = new ClusterTarget(cluster.kubeconfig(), null, ns.name(), false);
        Map<String, String> env = Map.of();
        EarlyConnection.start(target, env);
        assertThat(EarlyConnection.take(new ClusterTarget(cluster.kubeconfig(), null, null, false, "jane", java.util.List.of()), env))
                .as("another identity").isNull();
        KubeConnection early = EarlyConnection.take(target.withNamespace("other"), env);
        assertThat(early).as("the namespace does not matter to a connection").isNotNull();
        try (early) {
            assertThat(EarlyConnection.take(target, env)).as("taken once").isNull();
            assertThat(new LiveSnapshotSource(early).collect(Set.of(Pod.class), ns.name(), null).snapshot().collected(Pod.class)).isTrue();
        }
        EarlyConnection.start(target, env);
        assertThat(EarlyConnection.take(target, Map.of("KUBECONFIG", "/elsewhere"))).as("another environment").isNull();
        EarlyConnection.discard();
        assertThat(EarlyConnection.take(target, env)).as("discarded").isNull();
    }

    @Test
    void anEarlyConnectionsFailureIsReportedAsTheCheckWouldReportIt() throws Exception {
        Path unreachable = KubeconfigFiles.unreachable(dir);
        ClusterTarget target = new ClusterTarget(unreachable, null, null, false);
        EarlyConnection.start(target, Map.of());
        try (KubeConnection c = KubeClients.connect(target, Map.of())) {
            assertThatThrownBy(() -> new LiveSnapshotSource(c).collect(Set.of(Pod.class), "shop", null))
                    .isInstanceOf(AgentException.class)
                    .hasMessage("cannot reach the Kubernetes API server at " + c.serverUrl()
                            + ": connection refused (is the cluster running and the --context right?)");
        }
    }

    @Test
    void noCredentialPluginRunsAhead(TestCluster cluster) throws Exception {
        Path marker = dir.resolve("plugin-ran");
        Path plugin = Files.writeString(dir.resolve("plugin.sh"), "#!/bin/sh\ntouch '" + marker + "'\nexit 1\n");
        plugin.toFile().setExecutable(true);
        Path kc = Files.writeString(dir.resolve("kc-exec"), """
                apiVersion: v1
                kind: Config
                current-context: t
                clusters: [{name: c, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: e, user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: "%s"}}}]
                contexts: [{name: t, context: {cluster: c, user: e}}]
                """.formatted(cluster.client().getConfiguration().getMasterUrl(), plugin));
        ClusterTarget target = new ClusterTarget(kc, null, null, false);
        EarlyConnection.start(target, Map.of());
        assertThat(EarlyConnection.take(target, Map.of())).as("not opened early").isNull();
        assertThat(marker).doesNotExist();
    }
}
