package dev.k8sai.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An open client plus what the commands print about it: the context name (the report's
 * {@code source}), the context's default namespace, the server URL (named in connection errors)
 * and the kubeconfig file it came from.
 */
public final class KubeConnection implements AutoCloseable {

    private final KubernetesClient client;
    private final String contextName;
    private final String namespace;
    private final String serverUrl;
    private final Path kubeconfig;
    /** A {@code GET /version} already sent by {@link EarlyConnection}, for the next {@link #checkReachable} to wait for. */
    private final AtomicReference<CompletableFuture<Void>> earlyProbe = new AtomicReference<>();

    public KubeConnection(KubernetesClient client, String contextName, String namespace, String serverUrl, Path kubeconfig) {
        this.client = client;
        this.contextName = contextName;
        this.namespace = namespace;
        this.serverUrl = serverUrl;
        this.kubeconfig = kubeconfig;
    }

    public KubernetesClient client() {
        return client;
    }

    public String contextName() {
        return contextName;
    }

    public String namespace() {
        return namespace;
    }

    public String serverUrl() {
        return serverUrl;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /**
     * One small request ({@code GET /version}): an unreachable server or rejected credentials fail here,
     * as one line, before anything costly (an LLM call, concurrent LISTs) starts. It also sets up the
     * HTTP/2 connection that later requests share. When {@link EarlyConnection} already sent it, this
     * waits for that answer instead.
     */
    public void checkReachable() {
        CompletableFuture<Void> early = earlyProbe.getAndSet(null);
        try {
            if (early != null) {
                early.get();
            } else {
                probe();
            }
        } catch (ExecutionException e) {
            throw KubeClients.translate(e.getCause() != null ? e.getCause() : e, "get", "the server version", serverUrl);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KubeClients.translate(new KubernetesClientException("interrupted while reading /version", e), "get",
                    "the server version", serverUrl);
        } catch (RuntimeException e) {
            throw KubeClients.translate(e, "get", "the server version", serverUrl);
        }
    }

    /**
     * Reserves the probe of {@link #checkReachable} for {@link #sendProbe}, so a check made meanwhile waits
     * for that one rather than opening a second connection with its own.
     */
    CompletableFuture<Void> probeAhead() {
        CompletableFuture<Void> probe = new CompletableFuture<>();
        earlyProbe.set(probe);
        return probe;
    }

    /** Sends the probe reserved by {@link #probeAhead} on this thread. */
    void sendProbe(CompletableFuture<Void> reserved) {
        try {
            probe();
            reserved.complete(null);
        } catch (RuntimeException e) {
            reserved.completeExceptionally(e);
        }
    }

    private void probe() {
        RawLists.touch(client, "/version"); // a raw GET: no version model's deserializers for one probe
    }

    @Override
    public void close() {
        java.net.http.HttpClient jdkClient = jdkClientOf(client.getHttpClient());
        client.close();
        if (jdkClient != null) {
            // fabric8 shuts down its JDK HttpClient's executor but not the client, whose selector thread then
            // stays in epoll_wait; the JVM's exit waits up to 300 ms for threads in native code to block (a
            // third of a short live analyze). Shutting the client down ends that thread now.
            jdkClient.shutdownNow();
            try {
                jdkClient.awaitTermination(java.time.Duration.ofMillis(200));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The JDK client under fabric8's, or null. Reflection, because fabric8 7.9 keeps its getter
     * package-private and offers no hook that closes it; a fabric8 without it only costs the exit wait.
     */
    private static java.net.http.HttpClient jdkClientOf(io.fabric8.kubernetes.client.http.HttpClient http) {
        if (!(http instanceof io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientImpl)) {
            return null;
        }
        try {
            java.lang.reflect.Method getter = http.getClass().getDeclaredMethod("getHttpClient");
            getter.setAccessible(true);
            return getter.invoke(http) instanceof java.net.http.HttpClient c ? c : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
