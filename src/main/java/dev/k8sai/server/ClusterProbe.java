package dev.k8sai.server;

import dev.k8sai.AgentException;
import dev.k8sai.cluster.ClusterTarget;
import dev.k8sai.cluster.KubeClients;
import dev.k8sai.cluster.KubeConnection;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The server's own connection to the cluster, opened on first use and kept: {@code /readyz} asks it
 * whether the API server answers.
 */
public final class ClusterProbe implements AutoCloseable {

    private final Path kubeconfig;
    private final String context;
    private final Map<String, String> env;
    private KubeConnection connection;

    /**
     * {@code env}: the server's environment, as the requests' connections get it ($KUBECONFIG, and
     * KUBERNETES_SERVICE_HOST/PORT for the in-cluster identity — without them /readyz fails in a pod).
     */
    public ClusterProbe(Path kubeconfig, String context, Map<String, String> env) {
        this.kubeconfig = kubeconfig;
        this.context = context;
        this.env = Map.copyOf(env);
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
            connection = KubeClients.connect(new ClusterTarget(kubeconfig, context, null, false), env);
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
