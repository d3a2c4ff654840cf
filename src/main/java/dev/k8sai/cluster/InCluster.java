package dev.k8sai.cluster;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * kubectl's fall-back inside a pod: when no kubeconfig was named and none exists, but the pod's
 * environment has KUBERNETES_SERVICE_HOST/PORT and the service account's token is mounted, the
 * client uses that identity (client-go's rest.InClusterConfig). fabric8's auto-configuration does
 * the work (server URL, cluster CA, the token re-read from its file, so projected tokens can rotate,
 * the namespace file); this class only decides when it applies, so a missing kubeconfig outside a
 * pod is still the clear error {@link KubeClients} gives.
 */
final class InCluster {

    static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    private InCluster() {
    }

    /** Whether the in-cluster identity is the one to use for this lookup. */
    static boolean applies(Path explicitKubeconfig, String envKubeconfig, Path resolvedKubeconfig, Map<String, String> env,
                           Path serviceAccount) {
        return explicitKubeconfig == null
                && (envKubeconfig == null || envKubeconfig.isBlank())
                && !Files.exists(resolvedKubeconfig)
                && !isBlank(env.get("KUBERNETES_SERVICE_HOST")) && !isBlank(env.get("KUBERNETES_SERVICE_PORT"))
                && Files.isRegularFile(serviceAccount.resolve("token"));
    }

    /** The service account's configuration: https://HOST:PORT, its CA, its token and namespace. */
    static Config config() {
        Config config = Config.autoConfigure(null);
        if (isBlank(config.getNamespace())) {
            config.setNamespace("default");
        }
        return config;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
