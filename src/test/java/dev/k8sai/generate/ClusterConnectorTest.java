package dev.k8sai.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConnectorTest {

    /** A kubeconfig whose only context "x" points at a port nothing listens on. */
    private static Path unreachableKubeconfig(Path dir) throws Exception {
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """);
        return kubeconfig;
    }

    @Test
    void unreachableServerMeansOfflineWithANote(@TempDir Path dir) throws Exception {
        Path kubeconfig = unreachableKubeconfig(dir);
        List<String> notes = new ArrayList<>();
        assertThat(ClusterConnector.connect(kubeconfig, null, notes::add)).isEmpty();
        assertThat(notes).singleElement().satisfies(n -> assertThat(n)
                .startsWith("no cluster (cannot reach the Kubernetes API server at https://127.0.0.1:1/: connection refused")
                .endsWith("no diff and no apply"));
    }

    @Test
    void unknownContextMeansOfflineNamingTheContexts(@TempDir Path dir) throws Exception {
        Path kubeconfig = unreachableKubeconfig(dir);
        List<String> notes = new ArrayList<>();
        assertThat(ClusterConnector.connect(kubeconfig, "nope", notes::add)).isEmpty();
        assertThat(notes).singleElement().satisfies(n -> assertThat(n).contains("context 'nope' not found", "available: x"));
    }

    @Test
    void missingKubeconfigMeansOffline(@TempDir Path dir) {
        List<String> notes = new ArrayList<>();
        assertThat(ClusterConnector.connect(dir.resolve("nope"), null, notes::add)).isEmpty();
        assertThat(notes).singleElement().satisfies(n -> assertThat(n).contains("cannot read kubeconfig " + dir.resolve("nope")));
    }
}
