package dev.k8sai.generate;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Connects to the cluster of the kubeconfig/context for generate, or reports why not. Generate works without a
 * cluster (offline validation, no diff, no apply), so "unreachable" is a note, not an error.
 * TODO(dedup): a shared cluster-connection factory from the cluster engineer should replace this.
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
        KubernetesClient client = null;
        try {
            if (kubeconfig != null && !Files.isReadable(kubeconfig)) {
                throw new IOException("cannot read kubeconfig " + kubeconfig);
            }
            Config config = kubeconfig != null ? Config.fromKubeconfig(context, kubeconfig.toFile()) : Config.autoConfigure(context);
            config.setConnectionTimeout(5_000);
            config.setRequestTimeout(30_000);
            config.setRequestRetryBackoffLimit(1);
            client = new KubernetesClientBuilder().withConfig(config).build();
            client.getKubernetesVersion(); // the reachability probe
            return Optional.of(new ClusterGateway(client));
        } catch (IOException | RuntimeException e) {
            if (client != null) {
                client.close();
            }
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            note.accept("no cluster reachable (" + why + "): validating offline only, no diff and no apply");
            return Optional.empty();
        }
    }
}
