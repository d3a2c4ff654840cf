package dev.k8sai.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The live cluster kept current by one informer (LIST, then WATCH) per kind, for {@code analyze
 * --watch}: {@link #snapshot()} builds a {@link ClusterSnapshot} from the informers' caches, and
 * {@link #changes()} counts the events seen so far, so a caller re-analyses only after something
 * changed. Scope and label selector as {@link LiveSnapshotSource}; a kind the user may not watch is
 * skipped with a note (its checks are off), like a forbidden LIST. Custom resources are not watched.
 */
public final class InformerSnapshotSource implements AutoCloseable {

    private final KubeConnection connection;
    private final Clock clock;
    private final String namespace;
    private final List<KindInformer<?>> informers = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** Starts the informers and waits until each has its first LIST. */
    public InformerSnapshotSource(KubeConnection connection, Set<Class<? extends HasMetadata>> wanted, String namespace,
                                  String labelSelector) {
        this.connection = connection;
        this.clock = Clock.systemUTC();
        this.namespace = namespace;
        String selector = labelSelector == null || labelSelector.isBlank() ? null : labelSelector.strip();
        for (Class<? extends HasMetadata> kind : wanted) {
            start(kind, LiveSnapshotSource.SELECTABLE.contains(kind) ? selector : null);
        }
    }

    private void start(Class<? extends HasMetadata> kind, String selector) {
        try {
            informers.add(KindInformer.typed(connection.client(), kind, namespace, selector, clock, () -> { }));
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403 && e.getCode() != 404) {
                throw e;
            }
            notes.add("not watching " + HasMetadata.getPlural(kind) + ": " + (e.getCode() == 403 ? "forbidden" : "not served")
                    + "; checks that need them are off");
        }
    }

    /** Kinds that could not be watched. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Events seen so far (adds, updates, deletes of any watched kind). */
    public long changes() {
        return informers.stream().mapToLong(KindInformer::changes).sum();
    }

    /** The informers' current caches as a snapshot, clock now. */
    public ClusterSnapshot snapshot() {
        ClusterSnapshot.Builder builder = ClusterSnapshot.builder(connection.contextName(), clock.instant());
        for (KindInformer<?> informer : informers) {
            informer.markCollected(builder, namespace);
            builder.addAll(informer.objects());
        }
        return builder.build();
    }

    @Override
    public void close() {
        informers.forEach(KindInformer::close);
    }
}
