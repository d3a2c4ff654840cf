package dev.k8sai.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The informers of one cluster, as the server's own identity: one per kind, cluster-wide and without
 * a label selector, started on first need and shared by every request (scope and selector are applied
 * when a snapshot is taken). A snapshot takes each kind from its store while that informer's watch is
 * open; a kind that cannot be served that way right now (forbidden or not served cluster-wide, being
 * relisted after 410 Gone, reconnecting) is LISTed for that request by {@link LiveSnapshotSource}, so
 * notes and not-checked marks are exactly the live CLI's.
 */
final class ClusterWatch implements AutoCloseable {

    /** A kind that could not be watched (403/404) is tried again after this; until then requests LIST it. */
    static final Duration RETRY_REFUSED = Duration.ofMinutes(1);

    /** What a snapshot was built from. */
    record Built(ClusterSnapshot snapshot, List<String> notes, List<LiveSnapshotSource.ListTiming> timings,
                 SnapshotOrigin origin) {
    }

    /** One kind's informer: being started, running, or failed to start (at {@code failedAt}). */
    private static final class Slot {
        final CompletableFuture<KindInformer<?>> informer = new CompletableFuture<>();
        volatile Instant failedAt;
    }

    private final KubeConnection connection;
    private final Clock clock;
    private final Map<Object, Slot> slots = new ConcurrentHashMap<>();
    /** Bumped by every event, full LIST, and informer start or replacement: equal values mean equal stores. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closed;

    ClusterWatch(KubeConnection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    KubeConnection connection() {
        return connection;
    }

    /**
     * The snapshot of {@code namespace} (null: all) with the label selector (null: none) applied to pods
     * and workload controllers, as {@link LiveSnapshotSource#collect} would read it.
     */
    Built snapshot(Set<Class<? extends HasMetadata>> needs, Predicate<ResourceKind> customKinds, String namespace,
                   LabelSelector selector) {
        List<Class<? extends HasMetadata>> typed = needs.stream().sorted(Comparator.comparing(Class::getName)).toList();
        Map<Object, KindInformer<?>> served = informers(typed.stream().map(k -> (Object) k).toList(), kind -> typedStarter(kind));
        List<KindInformer<?>> custom = customKinds == null ? List.of() : customInformers(customKinds);
        Instant taken = clock.instant();
        ClusterSnapshot.Builder builder = ClusterSnapshot.builder(connection.contextName(), taken);
        Instant oldestList = null;
        Set<Class<? extends HasMetadata>> toList = new LinkedHashSet<>();
        List<KindInformer<?>> used = new ArrayList<>();
        for (Class<? extends HasMetadata> kind : typed) {
            KindInformer<?> informer = served.get(kind);
            if (informer == null) {
                toList.add(kind);
            } else {
                used.add(informer);
            }
        }
        if (custom != null) {
            used.addAll(custom);
        }
        for (KindInformer<?> informer : used) {
            informer.markCollected(builder, namespace);
            builder.addAll(inScope(informer, namespace, LiveSnapshotSource.SELECTABLE.contains(informer.kind()) ? selector : null));
            oldestList = oldestList == null || informer.listedAt().isBefore(oldestList) ? informer.listedAt() : oldestList;
        }
        List<String> notes = new ArrayList<>();
        List<LiveSnapshotSource.ListTiming> timings = new ArrayList<>();
        boolean listCustom = customKinds != null && custom == null;
        if (!toList.isEmpty() || listCustom) {
            new LiveSnapshotSource(connection).collectInto(builder, toList, listCustom ? customKinds : null, namespace,
                    selector == null ? null : selector.text(), notes, timings);
        }
        List<String> listed = new ArrayList<>(toList.stream().map(HasMetadata::getPlural).toList());
        if (listCustom) {
            listed.add("custom resources");
        }
        Instant now = clock.instant();
        String source = used.isEmpty() ? SnapshotOrigin.LIST : listed.isEmpty() ? SnapshotOrigin.WATCH_CACHE : SnapshotOrigin.MIXED;
        // The stores were current when the builder was made; LISTs end later, so the older instant counts.
        Instant synced = used.isEmpty() ? now : taken;
        return new Built(builder.build(), notes, timings, new SnapshotOrigin(source, synced, oldestList, listed));
    }

    /**
     * The CRDs' informer plus one per custom kind they serve that {@code wanted} accepts; null when any
     * of them cannot serve right now (then the CRDs and custom kinds are LISTed together, as the CLI does).
     */
    private List<KindInformer<?>> customInformers(Predicate<ResourceKind> wanted) {
        KindInformer<?> crds = informer(CustomResourceDefinition.class, () -> typedStarter(CustomResourceDefinition.class).get());
        if (crds == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<CustomResourceDefinition> definitions = (List<CustomResourceDefinition>) crds.objects();
        List<CustomResourceLists.Target> targets = CustomResourceLists.targets(definitions, wanted).stream()
                .sorted(Comparator.comparing(t -> t.kind().toString())).toList();
        Map<Object, CustomResourceLists.Target> byKey = new LinkedHashMap<>();
        // keyed by kind and version: a CRD that changes its served version gets a new informer
        targets.forEach(t -> byKey.put(List.of(t.kind(), t.version()), t));
        Map<Object, KindInformer<?>> served = informers(List.copyOf(byKey.keySet()),
                key -> () -> KindInformer.custom(connection.client(), byKey.get(key), clock, generation::incrementAndGet));
        if (served.size() < byKey.size()) {
            return null;
        }
        List<KindInformer<?>> all = new ArrayList<>();
        all.add(crds);
        byKey.keySet().forEach(k -> all.add(served.get(k)));
        return all;
    }

    private Supplier<KindInformer<?>> typedStarter(Object kind) {
        @SuppressWarnings("unchecked")
        Class<? extends HasMetadata> model = (Class<? extends HasMetadata>) kind;
        return () -> KindInformer.typed(connection.client(), model, null, null, clock, generation::incrementAndGet);
    }

    /** The current informers of these keys, started concurrently (a first fill costs one LIST round, not one per kind). */
    private Map<Object, KindInformer<?>> informers(List<Object> keys, java.util.function.Function<Object, Supplier<KindInformer<?>>> starter) {
        Map<Object, KindInformer<?>> result = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<Object, Future<KindInformer<?>>> futures = new LinkedHashMap<>();
            for (Object key : keys) {
                futures.put(key, pool.submit(() -> informer(key, starter.apply(key))));
            }
            for (Map.Entry<Object, Future<KindInformer<?>>> e : futures.entrySet()) {
                KindInformer<?> informer = e.getValue().get();
                if (informer != null) {
                    result.put(e.getKey(), informer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // informer() catches what a start throws; nothing else is expected here
            throw new IllegalStateException(e.getCause());
        }
        return result;
    }

    /**
     * The informer of {@code key} if its watch is open, else null (the caller LISTs). The first caller
     * starts it and concurrent callers wait for that start; a start refused with 403/404 is retried
     * after {@link #RETRY_REFUSED}, any other failed start on the next request; an informer that
     * stopped for good is replaced.
     */
    KindInformer<?> informer(Object key, Supplier<KindInformer<?>> start) {
        Slot mine = new Slot();
        Slot slot = slots.putIfAbsent(key, mine);
        if (slot == null) {
            slot = mine;
            generation.incrementAndGet();
            try {
                KindInformer<?> started = start.get();
                if (closed) {
                    started.close();
                }
                mine.informer.complete(started);
            } catch (RuntimeException e) {
                mine.failedAt = clock.instant();
                mine.informer.completeExceptionally(e);
            }
        }
        KindInformer<?> informer;
        try {
            informer = slot.informer.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            int status = KindInformer.statusOf(e);
            boolean refused = status == 403 || status == 404;
            Instant failedAt = slot.failedAt;
            if (!refused || failedAt == null || failedAt.plus(RETRY_REFUSED).isBefore(clock.instant())) {
                slots.remove(key, slot);
            }
            return null;
        }
        if (informer.stopped() && !closed) {
            slots.remove(key, slot);
            generation.incrementAndGet();
            informer.close();
            return informer(key, start);
        }
        return informer.current() ? informer : null;
    }

    /** Objects of one store in scope, in the order a LIST returns them (by namespace/name, as etcd keys sort). */
    private static List<HasMetadata> inScope(KindInformer<?> informer, String namespace, LabelSelector selector) {
        List<Map.Entry<String, HasMetadata>> keyed = new ArrayList<>();
        for (HasMetadata o : informer.objects(namespace)) {
            String ns = o.getMetadata().getNamespace();
            if (namespace != null && informer.namespaced() && !namespace.equals(ns)) {
                continue;
            }
            if (selector != null && !selector.matches(o.getMetadata().getLabels())) {
                continue;
            }
            String key = ns == null ? o.getMetadata().getName() : ns + "/" + o.getMetadata().getName();
            keyed.add(Map.entry(key, o instanceof GenericKubernetesResource g ? withKind(g, informer) : o));
        }
        keyed.sort(Map.Entry.comparingByKey());
        List<HasMetadata> objects = new ArrayList<>(keyed.size());
        keyed.forEach(e -> objects.add(e.getValue()));
        return objects;
    }

    /** The snapshot keys custom objects by apiVersion/kind; a store object lacking them gets a copy that has them. */
    private static GenericKubernetesResource withKind(GenericKubernetesResource o, KindInformer<?> informer) {
        if (o.getApiVersion() != null && o.getKind() != null) {
            return o;
        }
        return new GenericKubernetesResourceBuilder(o).withApiVersion(informer.apiVersion())
                .withKind(((ResourceKind) informer.kind()).kind()).build();
    }

    /** Changes whenever any store may have changed (see {@link WatchCache#generation}). */
    long generation() {
        return generation.get();
    }

    /** How many informers run (for tests and metrics). */
    int running() {
        return (int) slots.values().stream().filter(s -> s.informer.isDone() && !s.informer.isCompletedExceptionally()).count();
    }

    @Override
    public void close() {
        closed = true;
        for (Slot slot : slots.values()) {
            if (slot.informer.isDone() && !slot.informer.isCompletedExceptionally()) {
                slot.informer.join().close();
            }
        }
        slots.clear();
        connection.close();
    }
}
