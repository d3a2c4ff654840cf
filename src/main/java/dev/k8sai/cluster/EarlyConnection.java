package dev.k8sai.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A connection opened ahead of need. The CLI starts one from the command line's cluster flags before it
 * builds its command tree, so reading the kubeconfig, building the client and the TLS handshake of the
 * first request ({@link KubeConnection#checkReachable}) run on a second core while picocli works — a
 * tenth to a fifth of a second of a short live run.
 *
 * <p>It is used only by a {@link KubeClients#connect} for the same kubeconfig, context and identity in
 * the same environment, once. Anything else is left to the ordinary connect, so errors come from where they
 * always did: a failure while opening is dropped (the ordinary connect meets it again), a failed
 * probe is reported by the check that waits for it, as that check would have reported its own. Nothing
 * runs speculatively that acts for the user: a context with an exec credential plugin or an auth
 * provider, or the in-cluster identity, is not opened early.
 */
public final class EarlyConnection {

    /** What a connection depends on (namespace and -A do not matter to it). */
    private record Key(Path kubeconfig, String context, String asUser, List<String> asGroups, Map<String, String> env) {
        static Key of(ClusterTarget target, Map<String, String> env) {
            return new Key(target.kubeconfig(), target.context(), target.asUser(), target.asGroups(), env);
        }
    }

    private record Pending(Key key, CompletableFuture<KubeConnection> connection) {
    }

    private static final AtomicReference<Pending> PENDING = new AtomicReference<>();

    private EarlyConnection() {
    }

    /** Starts opening {@code target}'s connection on a virtual thread, replacing (closing) one not taken. */
    public static void start(ClusterTarget target, Map<String, String> env) {
        CompletableFuture<KubeConnection> connection = new CompletableFuture<>();
        close(PENDING.getAndSet(new Pending(Key.of(target, env), connection)));
        Thread.ofVirtual().name("early-connection").start(() -> {
            KubeConnection opened;
            try {
                opened = KubeClients.open(target, env, true);
            } catch (RuntimeException e) {
                connection.complete(null);
                return;
            }
            if (opened == null) {
                connection.complete(null);
                return;
            }
            CompletableFuture<Void> probe = opened.probeAhead();
            connection.complete(opened);
            opened.sendProbe(probe);
        });
    }

    /** The early connection for {@code target} in {@code env}, once (waiting for it to be built); null when there is none. */
    static KubeConnection take(ClusterTarget target, Map<String, String> env) {
        Pending pending = PENDING.get();
        if (pending == null || !pending.key().equals(Key.of(target, env)) || !PENDING.compareAndSet(pending, null)) {
            return null;
        }
        try {
            return pending.connection().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(pending);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return null; // not completed exceptionally by start; nothing to report here
        }
    }

    /** Closes an early connection nobody took (at the end of a CLI run). */
    public static void discard() {
        close(PENDING.getAndSet(null));
    }

    private static void close(Pending pending) {
        if (pending != null) {
            pending.connection().thenAccept(c -> {
                if (c != null) {
                    c.close();
                }
            });
        }
    }
}
