package dev.k8sai.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/**
 * An open client plus what the commands print about it: the context name (the report's
 * {@code source}), the context's default namespace, the server URL (named in connection errors)
 * and the kubeconfig file it came from.
 */
public record KubeConnection(KubernetesClient client, String contextName, String namespace, String serverUrl,
                             Path kubeconfig) implements AutoCloseable {

    /**
     * One small request ({@code GET /version}): an unreachable server or rejected credentials fail here,
     * as one line, before anything costly (an LLM call, concurrent LISTs) starts. It also sets up the
     * HTTP/2 connection that later requests share.
     */
    public void checkReachable() {
        try {
            RawLists.touch(client, "/version"); // a raw GET: no version model's deserializers for one probe
        } catch (RuntimeException e) {
            throw KubeClients.translate(e, "get", "the server version", serverUrl);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
