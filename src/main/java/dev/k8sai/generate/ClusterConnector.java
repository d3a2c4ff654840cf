package dev.k8sai.generate;

import dev.k8sai.AgentException;
import dev.k8sai.cluster.ClusterTarget;
import dev.k8sai.cluster.KubeClients;
import dev.k8sai.cluster.KubeConnection;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Connects to the cluster of the kubeconfig/context for generate (through the shared {@link KubeClients}), or
 * says why not. Generate works without a cluster (offline validation, no diff, no apply), so "no cluster" is a
 * note, not an error — unlike analyze, which has nothing to do without one.
 */
public final class ClusterConnector {

    private ClusterConnector() {
    }

    /**
     * @param kubeconfig explicit kubeconfig file, or null for $KUBECONFIG / ~/.kube/config
     * @param context    context name, or null for the current context
     * @param note       receives one line when no cluster is reachable
     */
    public static Optional<ClusterGateway> connect(Path kubeconfig, String context, Consumer<String> note) {
        return connect(new ClusterTarget(kubeconfig, context, null, false), java.util.Map.of(), note);
    }

    /** As above for a run's target; {@code env} supplies KUBECONFIG when the target names no file. */
    public static Optional<ClusterGateway> connect(ClusterTarget target, java.util.Map<String, String> env, Consumer<String> note) {
        KubeConnection connection;
        try {
            connection = KubeClients.connect(target, env);
        } catch (AgentException e) {
            note.accept(offline(e.getMessage()));
            return Optional.empty();
        }
        try {
            connection.client().getKubernetesVersion(); // KubeClients.connect never contacts the server: probe it
            return Optional.of(new ClusterGateway(connection));
        } catch (RuntimeException e) {
            connection.close();
            note.accept(offline(KubeClients.translate(e, "read", "the server version", connection.serverUrl()).getMessage()));
            return Optional.empty();
        }
    }

    private static String offline(String why) {
        return "no cluster (" + why + "): validating offline only, no diff and no apply";
    }
}
