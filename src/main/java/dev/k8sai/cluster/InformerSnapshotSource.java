package dev.k8sai.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

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
    private final List<SharedIndexInformer<? extends HasMetadata>> informers = new ArrayList<>();
    private final List<Class<? extends HasMetadata>> kinds = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final AtomicLong changes = new AtomicLong();

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

    private <T extends HasMetadata> void start(Class<T> kind, String selector) {
        boolean namespaced = Namespaced.class.isAssignableFrom(kind);
        var operation = connection.client().resources(kind);
        try {
            SharedIndexInformer<T> informer;
            if (namespaced && namespace != null) {
                var scoped = operation.inNamespace(namespace);
                informer = (selector == null ? scoped : scoped.withLabelSelector(selector)).inform(counter(), 0);
            } else if (namespaced) {
                var all = operation.inAnyNamespace();
                informer = (selector == null ? all : all.withLabelSelector(selector)).inform(counter(), 0);
            } else {
                informer = operation.inform(counter(), 0);
            }
            informers.add(informer);
            kinds.add(kind);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403 && e.getCode() != 404) {
                throw e;
            }
            notes.add("not watching " + HasMetadata.getPlural(kind) + ": " + (e.getCode() == 403 ? "forbidden" : "not served")
                    + "; checks that need them are off");
        }
    }

    private <T> ResourceEventHandler<T> counter() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                changes.incrementAndGet();
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                changes.incrementAndGet();
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                changes.incrementAndGet();
            }
        };
    }

    /** Kinds that could not be watched. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Events seen so far (adds, updates, deletes of any watched kind). */
    public long changes() {
        return changes.get();
    }

    /** The informers' current caches as a snapshot, clock now. */
    public ClusterSnapshot snapshot() {
        ClusterSnapshot.Builder builder = ClusterSnapshot.builder(connection.contextName(), clock.instant());
        for (int i = 0; i < informers.size(); i++) {
            Class<? extends HasMetadata> kind = kinds.get(i);
            if (namespace != null && Namespaced.class.isAssignableFrom(kind)) {
                builder.collectedIn(kind, namespace);
            }
            builder.collected(kind).addAll(informers.get(i).getStore().list());
        }
        return builder.build();
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
