package dev.k8sai.cluster;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, in-memory set of Kubernetes objects that analyzers and audit checks read, whether it
 * came from a live cluster (LIST calls) or from a saved file. Both sources build the same snapshot,
 * so they yield identical findings for the same objects.
 *
 * <p>Objects are fabric8 model types ({@code Pod}, {@code Deployment}, …). Secret values are dropped
 * on the way in: no check needs them, and nothing read here can then leak towards an LLM.
 *
 * <p>{@link #collected(Class)} says whether a kind was read at all: a check that reports a missing
 * referenced object (ConfigMap, Secret, PVC…) must stay silent when that kind was not collected
 * (filtered out, forbidden by RBAC, or absent from a snapshot file).
 *
 * <p>{@link #unjudged(Class, String)} is the finer rule for references into one namespace: a kind
 * read in every namespace covers them all; a live read with {@code -n} covers only that namespace; a
 * snapshot file covers a kind only in the namespaces where it holds at least one object of that
 * kind (a file with the ServiceAccounts of one namespace says nothing about the others). A namespace
 * known not to exist is covered for every kind: whatever is referenced in it is missing.
 */
public final class ClusterSnapshot {

    private final String source;
    private final Instant now;
    /** Keyed by model class, or by {@link ResourceKind} for objects read without one (custom resources). */
    private final Map<Object, List<HasMetadata>> byType;
    private final Map<Object, Map<String, List<HasMetadata>>> byNamespace = new HashMap<>();
    private final Map<Object, Map<String, HasMetadata>> byKey = new HashMap<>();
    private final Map<String, List<Event>> eventsByObject = new HashMap<>();
    /** Kinds read in only some namespaces (live -n); absent: every namespace. */
    private final Map<Object, Set<String>> scopedTo;
    /** Kinds that could not be read, and why ("forbidden", "not served by this API server"). */
    private final Map<Object, String> skipped;
    /** A snapshot file: a kind covers only the namespaces holding objects of it. */
    private final boolean coverageByContent;
    /** Whether the Namespace objects read are all namespaces there are. */
    private final boolean namespacesComplete;

    private ClusterSnapshot(String source, Instant now, Map<Object, List<HasMetadata>> byType, Builder b) {
        this.source = source;
        this.now = now;
        this.byType = byType;
        this.scopedTo = Map.copyOf(b.scopedTo);
        this.skipped = Map.copyOf(b.skipped);
        this.coverageByContent = b.coverageByContent;
        byType.forEach((type, objects) -> {
            Map<String, List<HasMetadata>> ns = new HashMap<>();
            Map<String, HasMetadata> keys = new HashMap<>(objects.size() * 2);
            for (HasMetadata o : objects) {
                ns.computeIfAbsent(namespaceOf(o), k -> new ArrayList<>()).add(o);
                keys.put(key(namespaceOf(o), o.getMetadata().getName()), o);
            }
            byNamespace.put(type, ns);
            byKey.put(type, keys);
        });
        for (HasMetadata o : byType.getOrDefault(Event.class, List.of())) {
            Event e = (Event) o;
            ObjectReference ref = e.getInvolvedObject();
            if (ref != null && ref.getKind() != null && ref.getName() != null) {
                eventsByObject.computeIfAbsent(eventKey(ref.getKind(), ref.getNamespace(), ref.getName()),
                        k -> new ArrayList<>()).add(e);
            }
        }
        this.namespacesComplete = byType.containsKey(Namespace.class)
                && (!coverageByContent || namespaces().stream().allMatch(ns -> get(Namespace.class, null, ns).isPresent()));
    }

    public static Builder builder(String source, Instant now) {
        return new Builder(source, now);
    }

    /** The kubeconfig context name, or the snapshot file name. */
    public String source() {
        return source;
    }

    /** The clock for age-based checks: capture time for live clusters, a fixed instant for files. */
    public Instant now() {
        return now;
    }

    /** Whether objects of this kind were read (even if there are none). */
    public boolean collected(Class<? extends HasMetadata> type) {
        return byType.containsKey(type);
    }

    /**
     * Null when references to {@code type} objects in {@code namespace} (null: cluster-scoped) can be
     * judged from this snapshot; else why not ("not in the snapshot", "forbidden", "namespace not
     * read"), for the report's not-checked counts.
     */
    public String unjudged(Class<? extends HasMetadata> type, String namespace) {
        return unjudgedKey(type, namespace);
    }

    /** {@link #unjudged(Class, String)} for a custom resource kind. */
    public String unjudged(ResourceKind kind, String namespace) {
        return unjudgedKey(kind, namespace);
    }

    private String unjudgedKey(Object type, String namespace) {
        if (namespace != null && namespaceAbsent(namespace)) {
            return null;
        }
        String why = skipped.get(type);
        if (why != null) {
            return why;
        }
        if (!byType.containsKey(type)) {
            return coverageByContent ? "not in the snapshot" : "not read";
        }
        if (namespace == null) {
            return null;
        }
        if (coverageByContent) {
            return byNamespace.get(type).containsKey(namespace) ? null : "not in the snapshot";
        }
        Set<String> scope = scopedTo.get(type);
        return scope == null || scope.contains(namespace) ? null : "namespace not read";
    }

    /**
     * True when the Namespace kind was read in full and holds no namespace of this name. A snapshot
     * file counts as a full read of Namespaces only when every namespace its objects live in has
     * its Namespace object too (the shape of {@code kubectl get ns,… -A -o yaml}).
     */
    public boolean namespaceAbsent(String namespace) {
        return namespacesComplete && get(Namespace.class, null, namespace).isEmpty();
    }

    /** Whether objects of this custom resource kind were read (even if there are none). */
    public boolean collected(ResourceKind kind) {
        return byType.containsKey(kind);
    }

    /** The objects of a custom resource kind, in any namespace. */
    @SuppressWarnings("unchecked")
    public List<GenericKubernetesResource> resources(ResourceKind kind) {
        return (List<GenericKubernetesResource>) (List<?>) byType.getOrDefault(kind, List.of());
    }

    /** The custom resource kinds read, in reading order. */
    public List<ResourceKind> resourceKinds() {
        return byType.keySet().stream().filter(ResourceKind.class::isInstance).map(ResourceKind.class::cast).toList();
    }

    /** Namespace null for cluster-scoped kinds. */
    public Optional<GenericKubernetesResource> resource(ResourceKind kind, String namespace, String name) {
        Map<String, HasMetadata> keys = byKey.get(kind);
        return keys == null || name == null ? Optional.empty()
                : Optional.ofNullable((GenericKubernetesResource) keys.get(key(namespace, name)));
    }

    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> List<T> list(Class<T> type) {
        return (List<T>) (List<?>) byType.getOrDefault(type, List.of());
    }

    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> List<T> list(Class<T> type, String namespace) {
        Map<String, List<HasMetadata>> ns = byNamespace.get(type);
        if (ns == null) {
            return List.of();
        }
        return (List<T>) (List<?>) ns.getOrDefault(namespace == null ? "" : namespace, List.of());
    }

    /** Namespace null for cluster-scoped kinds. */
    public <T extends HasMetadata> Optional<T> get(Class<T> type, String namespace, String name) {
        Map<String, HasMetadata> keys = byKey.get(type);
        if (keys == null || name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(type.cast(keys.get(key(namespace, name))));
    }

    /** The object of this kind name ("Pod", "Deployment"…), if that kind was collected and holds it. */
    public Optional<HasMetadata> find(String kind, String namespace, String name) {
        for (Class<?> type : collectedTypes()) {
            @SuppressWarnings("unchecked")
            Class<? extends HasMetadata> t = (Class<? extends HasMetadata>) type;
            if (HasMetadata.getKind(t).equals(kind)) {
                return get(t, namespace, name).map(HasMetadata.class::cast);
            }
        }
        return Optional.empty();
    }

    /** Events whose involvedObject is this object, oldest first as collected. */
    public List<Event> eventsFor(HasMetadata object) {
        return eventsFor(object.getKind(), namespaceOrNull(object), object.getMetadata().getName());
    }

    public List<Event> eventsFor(String kind, String namespace, String name) {
        return eventsByObject.getOrDefault(eventKey(kind, namespace, name), List.of());
    }

    /** Every namespace that holds at least one collected object, plus collected Namespace objects. */
    public Set<String> namespaces() {
        Set<String> result = new LinkedHashSet<>();
        byNamespace.values().forEach(m -> m.keySet().stream().filter(s -> !s.isEmpty()).forEach(result::add));
        return result;
    }

    /** The model classes read (custom resource kinds: {@link #resourceKinds()}). */
    public Collection<Class<?>> collectedTypes() {
        return byType.keySet().stream().filter(Class.class::isInstance).<Class<?>>map(k -> (Class<?>) k).toList();
    }

    public static String namespaceOrNull(HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() ? null : ns;
    }

    private static String namespaceOf(HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        return ns == null ? "" : ns;
    }

    private static String key(String namespace, String name) {
        return (namespace == null ? "" : namespace) + "/" + name;
    }

    private static String eventKey(String kind, String namespace, String name) {
        return kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    /** Collects objects; not thread-safe (live sources add each kind's LIST result from one thread). */
    public static final class Builder {
        private final String source;
        private final Instant now;
        private final Map<Object, List<HasMetadata>> byType = new LinkedHashMap<>();
        private final Map<Object, Set<String>> scopedTo = new HashMap<>();
        private final Map<Object, String> skipped = new HashMap<>();
        private boolean coverageByContent;

        private Builder(String source, Instant now) {
            this.source = source;
            this.now = now;
        }

        /** Marks a kind as collected even when no object of it exists. */
        public Builder collected(Class<? extends HasMetadata> type) {
            byType.computeIfAbsent(type, k -> new ArrayList<>());
            return this;
        }

        /** Marks a custom resource kind as collected even when no object of it exists. */
        public Builder collected(ResourceKind kind) {
            byType.computeIfAbsent(kind, k -> new ArrayList<>());
            return this;
        }

        /** Marks a kind (model class or {@link ResourceKind}) as read in one namespace only (live {@code -n}). */
        public Builder collectedIn(Object type, String namespace) {
            byType.computeIfAbsent(type, k -> new ArrayList<>());
            scopedTo.computeIfAbsent(type, k -> new LinkedHashSet<>()).add(namespace);
            return this;
        }

        /** A kind (model class or {@link ResourceKind}) that could not be read (403, 404), and why. */
        public Builder skipped(Object type, String why) {
            skipped.put(type, why);
            return this;
        }

        /** A snapshot file: each kind covers only the namespaces that hold objects of it. */
        public Builder coverageByContent() {
            coverageByContent = true;
            return this;
        }

        public Builder add(HasMetadata object) {
            if (object.getMetadata() == null || object.getMetadata().getName() == null) {
                return this;
            }
            HasMetadata stored = object instanceof Secret secret ? withoutValues(secret) : object;
            Object type = stored instanceof GenericKubernetesResource ? ResourceKind.of(stored) : stored.getClass();
            byType.computeIfAbsent(type, k -> new ArrayList<>()).add(stored);
            return this;
        }

        public Builder addAll(Collection<? extends HasMetadata> objects) {
            objects.forEach(this::add);
            return this;
        }

        public ClusterSnapshot build() {
            Map<Object, List<HasMetadata>> frozen = new LinkedHashMap<>();
            byType.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
            return new ClusterSnapshot(source, now, frozen, this);
        }

        private static Secret withoutValues(Secret secret) {
            // Keys stay (checks may name them); values never enter the snapshot.
            Map<String, String> keysOnly = new LinkedHashMap<>();
            if (secret.getData() != null) {
                secret.getData().keySet().forEach(k -> keysOnly.put(k, ""));
            }
            if (secret.getStringData() != null) {
                secret.getStringData().keySet().forEach(k -> keysOnly.put(k, ""));
            }
            return new io.fabric8.kubernetes.api.model.SecretBuilder(secret)
                    .withData(keysOnly.isEmpty() ? null : keysOnly)
                    .withStringData(null)
                    .build();
        }
    }
}
