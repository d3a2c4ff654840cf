package dev.k8sai.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads the snapshot of a {@link SnapshotRequest}, the one way analyze and audit do it: a file via
 * {@link SnapshotFileReader}, the live cluster via {@link LiveSnapshotSource} (only the kinds asked
 * for; the label selector is sent to the server for pods and workload controllers) or, in serve, from
 * the shared {@link WatchCache} when it may answer for the target.
 */
public final class SnapshotReader {

    /** What was read, the notes about it, and (live only) the LIST timings; {@code live} is null for a file. */
    public record Read(ClusterSnapshot snapshot, List<String> notes, List<LiveSnapshotSource.ListTiming> timings,
                       Duration readTime, LiveSnapshotSource live) {
        public Read {
            notes = List.copyOf(notes);
            timings = List.copyOf(timings);
        }
    }

    /** Work to do while a live connection is still open (e.g. reading log tails). */
    @FunctionalInterface
    public interface Then<T> {
        T apply(Read read);
    }

    private final Map<String, String> env;
    private final InputStream stdin;
    private final WatchCache cache;
    private final Consumer<SnapshotOrigin> origins;

    /** {@code env} supplies KUBECONFIG when the target names no file; {@code stdin} is read for "-f -". */
    public SnapshotReader(Map<String, String> env, InputStream stdin) {
        this(env, stdin, null, origin -> { });
    }

    /**
     * As {@link #SnapshotReader(Map, InputStream)}, reading live snapshots from {@code cache} when it
     * serves the target (null: always LIST); {@code origins} learns where each live snapshot came from.
     */
    public SnapshotReader(Map<String, String> env, InputStream stdin, WatchCache cache, Consumer<SnapshotOrigin> origins) {
        this.env = env;
        this.stdin = stdin;
        this.cache = cache;
        this.origins = origins;
    }

    /** The context names of the request's kubeconfig, in file order (analyze --all-contexts). */
    public List<String> contextNames(SnapshotRequest request) {
        return KubeClients.contextNames(request.target().kubeconfig(), env);
    }

    public <T> T read(SnapshotRequest request, Set<Class<? extends HasMetadata>> needs, Then<T> then) {
        return read(request, needs, null, then);
    }

    /**
     * As {@link #read(SnapshotRequest, Set, Then)}, plus the custom resource kinds {@code customKinds} accepts
     * (null: none) — discovered live, kept untyped from a file.
     */
    public <T> T read(SnapshotRequest request, Set<Class<? extends HasMetadata>> needs, Predicate<ResourceKind> customKinds,
                      Then<T> then) {
        long start = System.nanoTime();
        LabelSelector selector = request.selector();
        if (request.live() && cache != null && WatchCache.serves(request.target())) {
            WatchCache.Read cached = cache.read(request.target(), needs, customKinds, selector);
            origins.accept(cached.origin());
            return then.apply(new Read(cached.snapshot(), cached.notes(), cached.timings(),
                    Duration.ofNanos(System.nanoTime() - start), cached.live()));
        }
        if (request.live()) {
            try (KubeConnection connection = KubeClients.connect(request.target(), env)) {
                ClusterTarget target = request.target().resolvedBy(connection);
                LiveSnapshotSource source = new LiveSnapshotSource(connection);
                LiveSnapshotSource.Result live = source.collect(needs, customKinds, target.scope(), selector == null ? null : selector.text());
                origins.accept(SnapshotOrigin.listedAt(live.snapshot().now()));
                return then.apply(new Read(live.snapshot(), live.notes(), live.timings(),
                        Duration.ofNanos(System.nanoTime() - start), source));
            }
        }
        SnapshotFileReader.Result file = new SnapshotFileReader(needs, customKinds == null ? k -> false : customKinds).read(request.file(), stdin, request.target().scope(), request.now());
        return then.apply(new Read(file.snapshot(), file.notes(), List.of(), Duration.ofNanos(System.nanoTime() - start), null));
    }
}
