package dev.k8sai.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads the snapshot of a {@link SnapshotRequest}, the one way analyze and audit do it: a file via
 * {@link SnapshotFileReader}, the live cluster via {@link LiveSnapshotSource} (only the kinds asked
 * for; the label selector is sent to the server for pods and workload controllers).
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

    /** {@code env} supplies KUBECONFIG when the target names no file; {@code stdin} is read for "-f -". */
    public SnapshotReader(Map<String, String> env, InputStream stdin) {
        this.env = env;
        this.stdin = stdin;
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
        if (request.live()) {
            try (KubeConnection connection = KubeClients.connect(request.target(), env)) {
                ClusterTarget target = request.target().resolvedBy(connection);
                LiveSnapshotSource source = new LiveSnapshotSource(connection);
                LiveSnapshotSource.Result live = source.collect(needs, customKinds, target.scope(), selector == null ? null : selector.text());
                return then.apply(new Read(live.snapshot(), live.notes(), live.timings(),
                        Duration.ofNanos(System.nanoTime() - start), source));
            }
        }
        SnapshotFileReader.Result file = new SnapshotFileReader(needs, customKinds == null ? k -> false : customKinds).read(request.file(), stdin, request.target().scope(), request.now());
        return then.apply(new Read(file.snapshot(), file.notes(), List.of(), Duration.ofNanos(System.nanoTime() - start), null));
    }
}
