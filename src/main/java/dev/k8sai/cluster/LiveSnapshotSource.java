package dev.k8sai.cluster;

import dev.k8sai.AgentException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Reads a live cluster into a {@link ClusterSnapshot}: one paginated LIST per kind, all kinds
 * concurrently (virtual threads; the HTTP client bounds requests per host).
 *
 * <p>Scope: namespaced kinds are listed in one namespace, or in all namespaces when the namespace is
 * null; cluster-scoped kinds (Node, IngressClass, StorageClass, webhooks…) always cluster-wide.
 *
 * <p>A label selector is sent to the server only for pods and the workload controllers
 * ({@link #SELECTABLE}): those are what users label by app, and filtering Services, ConfigMaps or
 * Secrets server-side would make "missing ConfigMap" or "selector matches no pods" checks report
 * objects that merely did not match the label. Findings about other kinds are filtered afterwards by
 * the analyze command (see {@code AnalyzeService}).
 *
 * <p>A kind the user may not list (403) or that this server does not serve (404) is skipped with a
 * note and stays not {@linkplain ClusterSnapshot#collected collected}, so checks that need it stay
 * silent. Anything else (unreachable server, 401) fails the whole read with a one-line error.
 */
public final class LiveSnapshotSource {

    /** Objects per LIST page: large enough for few round trips, small enough for bounded server memory. */
    public static final long PAGE_SIZE = 500;

    /** Kinds the label selector applies to on the server. */
    public static final Set<Class<? extends HasMetadata>> SELECTABLE = Set.of(
            Pod.class, Deployment.class, ReplicaSet.class, StatefulSet.class, DaemonSet.class, Job.class, CronJob.class);

    /** One raw LIST (all pages) of one kind, for --verbose and the benchmark. */
    public record ListTiming(String kind, int objects, int pages, Duration elapsed) {
    }

    /**
     * The snapshot, notes for the user (skipped kinds), the per-kind LIST timings, and the wall time
     * of the whole concurrent read.
     */
    public record Result(ClusterSnapshot snapshot, List<String> notes, List<ListTiming> timings, Duration elapsed) {
        public Result {
            notes = List.copyOf(notes);
            timings = List.copyOf(timings);
        }
    }

    private final KubeConnection connection;
    private final Clock clock;
    private final long pageSize;

    public LiveSnapshotSource(KubeConnection connection) {
        this(connection, Clock.systemUTC(), PAGE_SIZE);
    }

    /** Tests shrink the page size to exercise continue tokens without creating 500 objects. */
    LiveSnapshotSource(KubeConnection connection, Clock clock, long pageSize) {
        this.connection = connection;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /**
     * Lists each kind once. {@code namespace} null means all namespaces; {@code labelSelector} null
     * or blank means none.
     */
    public Result collect(Set<Class<? extends HasMetadata>> kinds, String namespace, String labelSelector) {
        return collect(kinds, null, namespace, labelSelector);
    }

    /**
     * As {@link #collect(Set, String, String)}, plus the custom resource kinds {@code customKinds}
     * accepts (null: none): the CRDs are listed with the other kinds, then every accepted kind a
     * CRD serves, concurrently. A kind no CRD serves is not listed and not mentioned.
     */
    public Result collect(Set<Class<? extends HasMetadata>> kinds, Predicate<ResourceKind> customKinds, String namespace,
                          String labelSelector) {
        long start = System.nanoTime();
        Fetched fetched = fetch(kinds, customKinds, namespace, labelSelector, true);
        ClusterSnapshot.Builder builder = ClusterSnapshot.builder(connection.contextName(), clock.instant());
        List<String> notes = new ArrayList<>();
        if (fetched.missingNamespace() != null) {
            notes.add(fetched.missingNamespace());
        }
        List<ListTiming> timings = new ArrayList<>();
        addTo(builder, fetched.results(), namespace, notes, timings);
        return new Result(builder.build(), notes, timings, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * For the watch cache: LISTs only the kinds it cannot serve from its stores right now into the
     * snapshot it is building, with the same notes and not-checked marks as {@link #collect}.
     */
    void collectInto(ClusterSnapshot.Builder builder, Set<Class<? extends HasMetadata>> kinds, Predicate<ResourceKind> customKinds,
                     String namespace, String labelSelector, List<String> notes, List<ListTiming> timings) {
        addTo(builder, fetch(kinds, customKinds, namespace, labelSelector, false).results(), namespace, notes, timings);
    }

    /** The LISTs' results, and the warning that the namespace does not exist (null: exists, not checked, or unknown). */
    private record Fetched(List<KindResult> results, String missingNamespace) {
    }

    private Fetched fetch(Set<Class<? extends HasMetadata>> kinds, Predicate<ResourceKind> customKinds, String namespace,
                          String labelSelector, boolean checkNamespace) {
        String selector = labelSelector == null || labelSelector.isBlank() ? null : labelSelector.strip();
        Set<Class<? extends HasMetadata>> typed = new java.util.LinkedHashSet<>(kinds);
        if (customKinds != null) {
            typed.add(CustomResourceDefinition.class);
        }
        List<Class<? extends HasMetadata>> ordered = typed.stream().sorted(Comparator.comparing(Class::getName)).toList();
        // one small request first: the LISTs then share its HTTP/2 connection instead of each racing through
        // a TLS handshake, and an unreachable server fails once, with one clear line
        connection.checkReachable();
        List<KindResult> results = new ArrayList<>();
        String missingNamespace;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> namespaceCheck = namespace == null || !checkNamespace ? null : pool.submit(() -> missingNamespaceWarning(namespace));
            Map<Object, Future<KindResult>> futures = new LinkedHashMap<>();
            for (Class<? extends HasMetadata> kind : ordered) {
                futures.put(kind, pool.submit(() -> listAll(kind, namespace, SELECTABLE.contains(kind) ? selector : null)));
            }
            results.addAll(await(futures, namespace));
            if (customKinds != null) {
                futures.clear();
                for (CustomResourceLists.Target t : customTargets(results, customKinds)) {
                    futures.put(t.kind(), pool.submit(() -> listCustom(t, namespace)));
                }
                results.addAll(await(futures, namespace));
            }
            missingNamespace = namespaceCheck == null ? null : namespaceCheck.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException(dev.k8sai.ErrorCategory.CANCELLED, "interrupted while reading the cluster");
        } catch (ExecutionException e) {
            missingNamespace = null; // the check claims nothing it could not establish
        }
        return new Fetched(results, missingNamespace);
    }

    private static void addTo(ClusterSnapshot.Builder builder, List<KindResult> results, String namespace, List<String> notes,
                              List<ListTiming> timings) {
        for (KindResult r : results) {
            if (r.skipped() != null) {
                notes.add(r.skipped());
                builder.skipped(r.kind(), r.why());
                continue;
            }
            if (namespace != null && r.namespaced()) {
                builder.collectedIn(r.kind(), namespace);
            }
            if (r.kind() instanceof ResourceKind rk) {
                builder.collected(rk);
            } else {
                @SuppressWarnings("unchecked")
                Class<? extends HasMetadata> c = (Class<? extends HasMetadata>) r.kind();
                builder.collected(c);
            }
            builder.addAll(r.objects());
            timings.add(r.timing());
        }
    }

    /** The custom kinds to list, from the CRDs just read; none (with the CRDs' own note) when they were forbidden. */
    @SuppressWarnings("unchecked")
    private static List<CustomResourceLists.Target> customTargets(List<KindResult> results, Predicate<ResourceKind> wanted) {
        return results.stream().filter(r -> r.kind() == CustomResourceDefinition.class && r.skipped() == null)
                .findFirst()
                .map(r -> CustomResourceLists.targets((List<CustomResourceDefinition>) r.objects(), wanted))
                .orElse(List.of());
    }

    private List<KindResult> await(Map<Object, Future<KindResult>> futures, String namespace) {
        List<KindResult> results = new ArrayList<>();
        for (Map.Entry<Object, Future<KindResult>> e : futures.entrySet()) {
            try {
                results.add(e.getValue().get());
            } catch (ExecutionException ex) {
                futures.values().forEach(f -> f.cancel(true));
                Throwable cause = ex.getCause();
                if (cause instanceof AgentException agent) {
                    throw agent;
                }
                String what = e.getKey() instanceof ResourceKind rk ? rk.toString()
                        : describe(asModel(e.getKey()), namespace);
                throw KubeClients.translate(cause, "list", what, connection.serverUrl());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AgentException(dev.k8sai.ExitCodes.USAGE, "interrupted while reading the cluster");
            }
        }
        return results;
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends HasMetadata> asModel(Object key) {
        return (Class<? extends HasMetadata>) key;
    }

    /** One custom kind; forbidden is "not checked" with a note, a kind that vanished meanwhile (404) is silent. */
    private KindResult listCustom(CustomResourceLists.Target t, String namespace) {
        long start = System.nanoTime();
        try {
            List<GenericKubernetesResource> objects = CustomResourceLists.list(connection.client(), t, namespace, pageSize);
            return new KindResult(t.kind(), t.namespaced(), objects,
                    new ListTiming(t.kind().toString(), objects.size(), 1, Duration.ofNanos(System.nanoTime() - start)), null, null);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return new KindResult(t.kind(), t.namespaced(), List.of(), null, "skipped " + t.plural() + "." + t.kind().group()
                        + ": forbidden; checks that need them are off", "forbidden");
            }
            if (e.getCode() == 404) {
                return new KindResult(t.kind(), t.namespaced(), List.of(),
                        new ListTiming(t.kind().toString(), 0, 1, Duration.ofNanos(System.nanoTime() - start)), null, null);
            }
            throw e;
        }
    }

    /** Notes that start with this are warnings (the CLI prints them as such), not informational notes. */
    public static final String WARNING = "warning: ";

    /**
     * One GET of the Namespace: a LIST in a namespace that does not exist is simply empty, which would read
     * as "No problems found". Only a 404 is claimed; forbidden (RBAC) or any other failure says nothing.
     * A raw GET, as the LISTs: the client's DSL would build its serialization registry for one object.
     */
    private String missingNamespaceWarning(String namespace) {
        try {
            RawLists.touch(connection.client(), RawLists.objectPath("v1", "namespaces", null, namespace));
            return null;
        } catch (KubernetesClientException e) {
            return e.getCode() != 404 ? null
                    : WARNING + "namespace \"" + namespace + "\" does not exist (" + connection.contextName() + "): nothing was analysed in it";
        }
    }

    /** {@code skipped}: the note for the user; {@code why}: the short cause for the not-checked counts. */
    private record KindResult(Object kind, boolean namespaced, List<? extends HasMetadata> objects,
                              ListTiming timing, String skipped, String why) {
    }

    private <T extends HasMetadata> KindResult listAll(Class<T> kind, String namespace, String selector) {
        long start = System.nanoTime();
        boolean namespaced = Namespaced.class.isAssignableFrom(kind);
        RawLists.Listed<T> listed;
        try {
            String path = RawLists.path(HasMetadata.getApiVersion(kind), HasMetadata.getPlural(kind),
                    namespaced ? namespace : null);
            listed = RawLists.listAll(connection.client(), path, kind, pageSize, selector);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return new KindResult(kind, namespaced, List.of(), null, "skipped " + HasMetadata.getPlural(kind)
                        + ": forbidden (cannot list " + describe(kind, namespace) + "); checks that need them are off",
                        "forbidden");
            }
            if (e.getCode() == 404) {
                return new KindResult(kind, namespaced, List.of(), null, "skipped " + HasMetadata.getPlural(kind)
                        + ": not served by this API server (" + HasMetadata.getApiVersion(kind) + ")", "not served");
            }
            throw e;
        }
        return new KindResult(kind, namespaced, listed.objects(),
                new ListTiming(HasMetadata.getKind(kind), listed.objects().size(), listed.pages(), Duration.ofNanos(System.nanoTime() - start)),
                null, null);
    }

    /** One container log to read: {@code previous} is the run before the current one (kubectl logs -p). */
    public record LogRequest(String namespace, String pod, String container, boolean previous) {
    }

    /** Raw log tails that could be read, and one line per request that failed (why, for --verbose). */
    public record LogTails(Map<LogRequest, String> tails, List<String> failures) {
        public LogTails {
            tails = Map.copyOf(tails);
            failures = List.copyOf(failures);
        }
    }

    /**
     * The last {@code lines} lines of each requested container log, all requests at once, giving up
     * on whatever has not answered by {@code deadline}. Logs come from the kubelet through the API
     * server, so a node that is down, a pod never scheduled (400) or a log already rotated away (404)
     * is normal: such requests are listed as failures, never thrown. The caller redacts the text.
     */
    public LogTails logTails(List<LogRequest> requests, int lines, Duration deadline) {
        Map<LogRequest, String> tails = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        if (requests.isEmpty()) {
            return new LogTails(tails, failures);
        }
        long until = System.nanoTime() + deadline.toNanos();
        Map<LogRequest, Future<String>> futures = new LinkedHashMap<>();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (LogRequest r : requests) {
                futures.put(r, pool.submit(() -> readLog(r, lines)));
            }
            for (Map.Entry<LogRequest, Future<String>> e : futures.entrySet()) {
                LogRequest r = e.getKey();
                String what = "logs of " + r.namespace() + "/" + r.pod() + " container " + r.container();
                try {
                    long left = Math.max(0, until - System.nanoTime());
                    String text = e.getValue().get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
                    if (text != null && !text.isBlank()) {
                        tails.put(r, text);
                    }
                } catch (java.util.concurrent.TimeoutException ex) {
                    e.getValue().cancel(true);
                    failures.add(what + ": no answer within " + deadline.toMillis() + " ms");
                } catch (ExecutionException ex) {
                    Throwable cause = ex.getCause();
                    String reason = cause instanceof KubernetesClientException k && k.getCode() > 0
                            ? "HTTP " + k.getCode() + (k.getStatus() != null && k.getStatus().getMessage() != null
                            ? " " + k.getStatus().getMessage().lines().findFirst().orElse("") : "")
                            : cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : " " + cause.getMessage().lines().findFirst().orElse(""));
                    failures.add(what + ": " + reason.strip());
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    failures.add(what + ": interrupted");
                    break;
                }
            }
        } finally {
            // Not close(): that would wait for requests past the deadline.
            pool.shutdownNow();
        }
        return new LogTails(tails, failures);
    }

    private String readLog(LogRequest r, int lines) {
        var container = connection.client().pods().inNamespace(r.namespace()).withName(r.pod())
                .inContainer(r.container()).withReadyWaitTimeout(0);
        // The DSL cannot combine terminated() with limitBytes(); the tail bounds the size server-side and
        // the caller keeps only the last bytes.
        return r.previous() ? container.terminated().tailingLines(lines).getLog()
                : container.tailingLines(lines).getLog();
    }

    private static String describe(Class<? extends HasMetadata> kind, String namespace) {
        String plural = HasMetadata.getPlural(kind);
        if (!Namespaced.class.isAssignableFrom(kind)) {
            return plural + " (cluster-scoped)";
        }
        return namespace == null ? plural + " in all namespaces" : plural + " in namespace " + namespace;
    }
}
