package dev.k8sai.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One fabric8 informer (LIST, then WATCH; fabric8 relists by itself after a 410 Gone or a dropped
 * watch) of one kind, plus what a cache must know about it: whether its watch is up right now, when
 * it last finished a full LIST, and how many changes it has seen.
 *
 * @param <T> the model class, or {@code GenericKubernetesResource} for a custom kind
 */
final class KindInformer<T extends HasMetadata> implements AutoCloseable {

    /** The HTTP status of a failed start: 403 forbidden, 404 not served; 0 for anything else. */
    static int statusOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() > 0) {
                return k.getCode();
            }
        }
        return 0;
    }

    /**
     * A model class's informer: in one namespace, or (null) all; cluster-scoped kinds cluster-wide.
     * {@code selector} (may be null) goes to the server.
     */
    static <T extends HasMetadata> KindInformer<T> typed(KubernetesClient client, Class<T> kind, String namespace,
                                                          String selector, Clock clock, Runnable onChange) {
        boolean namespaced = Namespaced.class.isAssignableFrom(kind);
        var operation = client.resources(kind);
        return new KindInformer<>(kind, HasMetadata.getApiVersion(kind), namespaced, clock, onChange, handler -> {
            if (namespaced && namespace != null) {
                var scoped = operation.inNamespace(namespace);
                return (selector == null ? scoped : scoped.withLabelSelector(selector)).inform(handler, 0);
            }
            if (namespaced) {
                var all = operation.inAnyNamespace();
                return (selector == null ? all : all.withLabelSelector(selector)).inform(handler, 0);
            }
            return operation.inform(handler, 0);
        });
    }

    /** A custom kind's informer across the whole cluster, at the version its CRD serves. */
    static KindInformer<GenericKubernetesResource> custom(KubernetesClient client, CustomResourceLists.Target target, Clock clock,
                                                          Runnable onChange) {
        var resources = client.genericKubernetesResources(target.context());
        return new KindInformer<>(target.kind(), target.apiVersion(), target.namespaced(), clock, onChange,
                handler -> target.namespaced() ? resources.inAnyNamespace().inform(handler, 0) : resources.inform(handler, 0));
    }

    private final Object kind;
    private final String apiVersion;
    private final boolean namespaced;
    private final Clock clock;
    private final Runnable onChange;
    private final AtomicLong changes = new AtomicLong();
    private volatile Instant listedAt;
    private final AtomicLong lists = new AtomicLong();
    private final SharedIndexInformer<T> informer;

    /**
     * Starts the informer {@code inform} builds from a handler and waits for its first LIST; throws
     * the client's exception when that fails (403, 404, unreachable server).
     *
     * @param kind       model class or {@link ResourceKind}, for the snapshot
     * @param apiVersion the version the informer reads (custom objects may lack it)
     * @param onChange   called on every add, update, delete and full LIST
     */
    KindInformer(Object kind, String apiVersion, boolean namespaced, Clock clock, Runnable onChange,
                 Function<ResourceEventHandler<T>, SharedIndexInformer<T>> inform) {
        this.onChange = onChange;
        this.kind = kind;
        this.apiVersion = apiVersion;
        this.namespaced = namespaced;
        this.clock = clock;
        this.informer = inform.apply(handler());
        this.listedAt = clock.instant();
    }

    private ResourceEventHandler<T> handler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onList(String resourceVersion, boolean empty) {
                // every full LIST: the first one and each relist (410 Gone, watch lost)
                listedAt = clock.instant();
                lists.incrementAndGet();
                onChange.run();
            }

            @Override
            public void onAdd(T obj) {
                changes.incrementAndGet();
                onChange.run();
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                changes.incrementAndGet();
                onChange.run();
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                changes.incrementAndGet();
                onChange.run();
            }
        };
    }

    Object kind() {
        return kind;
    }

    String apiVersion() {
        return apiVersion;
    }

    boolean namespaced() {
        return namespaced;
    }

    /**
     * Whether the store follows the cluster right now: running with its watch open. While fabric8
     * relists (after 410 Gone) or reconnects, this is false and a reader must LIST instead.
     */
    boolean current() {
        return informer.isRunning() && informer.isWatching();
    }

    /** The informer gave up for good (e.g. its watch became forbidden); a cache must start a new one. */
    boolean stopped() {
        return informer.stopped().toCompletableFuture().isDone();
    }

    /** Marks this kind read in {@code builder}: in {@code namespace} only (namespaced kinds), or everywhere (null). */
    void markCollected(ClusterSnapshot.Builder builder, String namespace) {
        if (kind instanceof ResourceKind custom) {
            builder.collected(custom);
        } else {
            @SuppressWarnings("unchecked")
            Class<? extends HasMetadata> model = (Class<? extends HasMetadata>) kind;
            builder.collected(model);
        }
        if (namespace != null && namespaced) {
            builder.collectedIn(kind, namespace);
        }
    }

    /** When the last full LIST finished. */
    Instant listedAt() {
        return listedAt;
    }

    /** Full LISTs so far (1 after the start; each relist adds one). */
    long lists() {
        return lists.get();
    }

    /** Adds, updates and deletes seen so far. */
    long changes() {
        return changes.get();
    }

    /** The store's objects now (shared, never to be modified). */
    List<T> objects() {
        return informer.getStore().list();
    }

    /**
     * The store's objects in {@code namespace} (null: all), looked up in the informer's namespace
     * index rather than by scanning every object of the cluster.
     */
    List<T> objects(String namespace) {
        return namespace == null || !namespaced ? objects() : informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
    }

    @Override
    public void close() {
        informer.close();
    }
}
