package dev.k8sai.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The server's shared watch cache: per cluster (kubeconfig and context), informers of the kinds
 * requests have needed, so a repeated analyze or audit builds its snapshot from their stores instead
 * of LISTing the cluster again. It holds what the server's own identity may read, so it never serves a
 * request made as another identity ({@link #serves}): with impersonation the cluster's RBAC must
 * decide per user, and such requests LIST as that user.
 */
public final class WatchCache implements AutoCloseable {

    /** A snapshot from the cache; {@code live} reads log tails over the cache's connection. */
    public record Read(ClusterSnapshot snapshot, List<String> notes, List<LiveSnapshotSource.ListTiming> timings,
                       LiveSnapshotSource live, SnapshotOrigin origin) {
    }

    private final Map<String, String> env;
    private final Clock clock;
    private final Map<List<Object>, ClusterWatch> clusters = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** {@code env} supplies KUBECONFIG when a target names no file. */
    public WatchCache(Map<String, String> env) {
        this.env = env;
        this.clock = Clock.systemUTC();
    }

    /** Whether the cache may answer for this target: only as the server's own identity. */
    public static boolean serves(ClusterTarget target) {
        return target.asUser() == null && target.asGroups().isEmpty();
    }

    /**
     * The snapshot of {@code target}'s scope with these kinds (and the custom kinds {@code customKinds}
     * accepts; null: none), starting the informers it lacks; {@code selector} may be null.
     */
    public Read read(ClusterTarget target, Set<Class<? extends HasMetadata>> needs, Predicate<ResourceKind> customKinds,
                     LabelSelector selector) {
        if (!serves(target)) {
            throw new IllegalArgumentException("the watch cache serves only the server's own identity");
        }
        ClusterWatch watch = cluster(target);
        String scope = target.resolvedBy(watch.connection()).scope();
        ClusterWatch.Built built = watch.snapshot(needs, customKinds, scope, selector);
        return new Read(built.snapshot(), built.notes(), built.timings(), new LiveSnapshotSource(watch.connection()),
                built.origin());
    }

    /** Starts the informers of these kinds now (serve --watch-cache=eager) rather than on the first request. */
    public void prefetch(ClusterTarget target, Set<Class<? extends HasMetadata>> needs, Predicate<ResourceKind> customKinds) {
        cluster(target).snapshot(needs, customKinds, null, null);
    }

    /**
     * A number that changes whenever any store of any cluster may have changed (an event, a relist, an
     * informer started or replaced): two snapshots of the same scope taken at the same generation
     * hold the same objects, so a caller may share what it computed from the first.
     */
    public long generation() {
        return clusters.values().stream().mapToLong(ClusterWatch::generation).sum() + clusters.size();
    }

    /** Informers running across all clusters (a kind that could not be started does not count). */
    public int informers() {
        return clusters.values().stream().mapToInt(ClusterWatch::running).sum();
    }

    private ClusterWatch cluster(ClusterTarget target) {
        if (closed) {
            throw new IllegalStateException("the watch cache is closed");
        }
        Path kubeconfig = target.kubeconfig();
        List<Object> key = Arrays.asList(kubeconfig, target.context());
        return clusters.computeIfAbsent(key, k -> new ClusterWatch(
                KubeClients.connect(new ClusterTarget(kubeconfig, target.context(), null, false), env), clock));
    }

    /** Stops every informer and closes the connections (graceful shutdown). */
    @Override
    public void close() {
        closed = true;
        clusters.values().forEach(ClusterWatch::close);
        clusters.clear();
    }
}
