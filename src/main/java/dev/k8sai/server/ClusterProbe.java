package dev.k8sai.server;

import dev.k8sai.AgentException;
import dev.k8sai.cluster.KubeClients;
import dev.k8sai.cluster.KubeConnection;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The server's own connection to the cluster, opened on first use and kept: {@code /readyz} asks it
 * whether the API server answers.
 */
public final class ClusterProbe implements AutoCloseable {

    private final Path kubeconfig;
    private final String context;
    private KubeConnection connection;

    public ClusterProbe(Path kubeconfig, String context) {
        this.kubeconfig = kubeconfig;
        this.context = context;
    }

    /** Empty when the API server answers /version, else why not. */
    public Optional<String> problem() {
        try {
            connection().client().getKubernetesVersion();
            return Optional.empty();
        } catch (AgentException e) {
            return Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            return Optional.of(KubeClients.translate(e, "get", "version", connection == null ? null
                    : connection.serverUrl()).getMessage());
        }
    }

    private synchronized KubeConnection connection() {
        if (connection == null) {
            connection = KubeClients.connect(kubeconfig, context);
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
