package dev.k8sai.diagnose;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.analyze.Analyzer;
import dev.k8sai.analyze.Analyzers;
import dev.k8sai.analyze.AnalyzeService;
import dev.k8sai.analyze.Evidence;
import dev.k8sai.analyze.LabelSelectors;
import dev.k8sai.analyze.Owners;
import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.cluster.KubeClients;
import dev.k8sai.cluster.KubeConnection;
import dev.k8sai.cluster.LiveSnapshotSource;
import dev.k8sai.report.Finding;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Collects the facts diagnose starts from: checks that the target exists, reads its namespace with
 * {@link LiveSnapshotSource} (the kinds all analyzers need), runs the analyzers, keeps what concerns
 * the target and its related objects, and reads the previous log of crashed containers. The model
 * then verifies and extends these facts with its tools instead of rediscovering them step by step.
 */
public final class DiagnosisSeeder {

    static final int MAX_FINDINGS = 25;
    static final int MAX_EVENTS = 10;
    static final int MAX_POD_STATES = 5;
    static final int MAX_LOGS = 3;
    static final int LOG_LINES = 50;
    static final int MAX_LOG_CHARS = 4000;

    private final List<Analyzer> analyzers;

    public DiagnosisSeeder() {
        this(Analyzers.all());
    }

    public DiagnosisSeeder(List<Analyzer> analyzers) {
        this.analyzers = List.copyOf(analyzers);
    }

    /** Reads the cluster; a missing target is a one-line usage error (exit 2). */
    public DiagnosisFacts collect(KubeConnection connection, DiagnosisTarget target) {
        HasMetadata object = fetch(connection, target);
        LiveSnapshotSource.Result live = new LiveSnapshotSource(connection)
                .collect(Analyzers.needs(analyzers), target.namespace(), null);
        ClusterSnapshot snapshot = live.snapshot();
        List<String> notes = new ArrayList<>(live.notes());
        List<Finding> all = AnalyzeService.analyze(snapshot, analyzers).findings();
        HasMetadata current = snapshot.get(target.type(), target.namespace(), target.name())
                .map(HasMetadata.class::cast).orElse(object);
        List<Pod> pods = podsOf(snapshot, current, target);
        List<DiagnosisFacts.ContainerLog> logs = new ArrayList<>();
        previousLogs(connection, pods, logs, notes);
        return facts(snapshot, target, current, all, logs, notes);
    }

    /** The pure part: selection and wording from a snapshot, findings and already read logs. */
    static DiagnosisFacts facts(ClusterSnapshot snapshot, DiagnosisTarget target, HasMetadata object,
                                List<Finding> findings, List<DiagnosisFacts.ContainerLog> logs, List<String> notes) {
        List<Pod> pods = podsOf(snapshot, object, target);
        List<Finding> related = relatedFindings(snapshot, target, object, pods, findings);
        List<String> allNotes = new ArrayList<>(notes);
        if (related.size() > MAX_FINDINGS) {
            allNotes.add((related.size() - MAX_FINDINGS) + " more related findings left out");
            related = related.subList(0, MAX_FINDINGS);
        }
        List<String> states = pods.stream().limit(MAX_POD_STATES).map(DiagnosisSeeder::podState).toList();
        if (pods.size() > MAX_POD_STATES) {
            allNotes.add(pods.size() + " pods belong to the target; the state of the first " + MAX_POD_STATES + " is shown");
        }
        if (pods.isEmpty() && !(object instanceof Pod)) {
            allNotes.add("no pods belong to " + target.display());
        }
        List<String> events = new ArrayList<>();
        List<HasMetadata> eventSources = new ArrayList<>();
        eventSources.add(object);
        pods.stream().filter(p -> p != object).limit(MAX_POD_STATES).forEach(eventSources::add);
        for (HasMetadata source : eventSources) {
            for (String e : Evidence.warningEvents(snapshot, source)) {
                if (events.size() < MAX_EVENTS) {
                    events.add(source.getKind() + "/" + source.getMetadata().getName() + ": " + e);
                }
            }
        }
        return new DiagnosisFacts(target, related, states, events, logs, allNotes);
    }

    private static HasMetadata fetch(KubeConnection connection, DiagnosisTarget target) {
        HasMetadata object;
        try {
            var resources = connection.client().resources(target.type());
            object = target.namespace() == null ? resources.withName(target.name()).get()
                    : resources.inNamespace(target.namespace()).withName(target.name()).get();
        } catch (KubernetesClientException e) {
            throw KubeClients.translate(e, "get", target.display(), connection.serverUrl());
        }
        if (object == null) {
            throw new AgentException(ExitCodes.USAGE, target.display() + " not found"
                    + (target.namespace() == null ? "" : " in namespace " + target.namespace()));
        }
        return object;
    }

    /** The pods a target stands for: itself, the pods it controls, selects, mounts or runs. */
    static List<Pod> podsOf(ClusterSnapshot snapshot, HasMetadata object, DiagnosisTarget target) {
        if (object instanceof Pod pod) {
            return List.of(pod);
        }
        List<Pod> candidates = target.namespace() == null ? snapshot.list(Pod.class) : snapshot.list(Pod.class, target.namespace());
        return candidates.stream().filter(p -> switch (target.kind()) {
            case "Service" -> object instanceof Service s && s.getSpec() != null && s.getSpec().getSelector() != null
                    && !s.getSpec().getSelector().isEmpty()
                    && LabelSelectors.matches(s.getSpec().getSelector(), p.getMetadata().getLabels());
            case "PersistentVolumeClaim" -> p.getSpec().getVolumes().stream().map(Volume::getPersistentVolumeClaim)
                    .filter(Objects::nonNull).anyMatch(c -> target.name().equals(c.getClaimName()));
            case "Node" -> target.name().equals(p.getSpec().getNodeName());
            default -> target.ref().equals(Owners.parentOf(snapshot, p)) || ownerChain(snapshot, p).contains(target.ref());
        }).toList();
    }

    /**
     * Findings about the target, its owners, its pods, pods with the same top-level owner, and Services
     * selecting its pods; in the analyzers' order (most severe first).
     */
    static List<Finding> relatedFindings(ClusterSnapshot snapshot, DiagnosisTarget target, HasMetadata object,
                                         List<Pod> pods, List<Finding> findings) {
        Set<String> refs = new LinkedHashSet<>();
        refs.add(target.ref());
        refs.addAll(ownerChain(snapshot, object));
        Set<String> parents = new LinkedHashSet<>();
        parents.add(target.ref());
        Optional.ofNullable(Owners.parentOf(snapshot, object)).ifPresent(parents::add);
        for (Pod p : pods) {
            refs.add(ref(p));
            refs.addAll(ownerChain(snapshot, p));
            Optional.ofNullable(Owners.parentOf(snapshot, p)).ifPresent(parents::add);
        }
        if (!(object instanceof Service) && target.namespace() != null) {
            for (Service s : snapshot.list(Service.class, target.namespace())) {
                var selector = s.getSpec() == null ? null : s.getSpec().getSelector();
                if (selector != null && !selector.isEmpty()
                        && pods.stream().anyMatch(p -> LabelSelectors.matches(selector, p.getMetadata().getLabels()))) {
                    refs.add(ref(s));
                }
            }
        }
        return findings.stream()
                .filter(f -> refs.contains(f.objectRef()) || (f.parent() != null && parents.contains(f.parent())))
                .toList();
    }

    /** "Kind/ns/name" of every controlling owner up the chain that the snapshot can resolve (and the last, unresolved one). */
    private static List<String> ownerChain(ClusterSnapshot snapshot, HasMetadata object) {
        List<String> chain = new ArrayList<>();
        String namespace = ClusterSnapshot.namespaceOrNull(object);
        HasMetadata current = object;
        for (int depth = 0; depth < 5 && current != null; depth++) {
            Optional<OwnerReference> owner = Owners.controllerOf(current);
            if (owner.isEmpty()) {
                break;
            }
            OwnerReference o = owner.get();
            chain.add(namespace == null ? o.getKind() + "/" + o.getName() : o.getKind() + "/" + namespace + "/" + o.getName());
            current = snapshot.collectedTypes().stream()
                    .map(t -> lookup(snapshot, t, o.getKind(), namespace, o.getName()))
                    .flatMap(Optional::stream).findFirst().orElse(null);
        }
        return chain;
    }

    private static Optional<HasMetadata> lookup(ClusterSnapshot snapshot, Class<?> type, String kind, String namespace, String name) {
        @SuppressWarnings("unchecked")
        Class<? extends HasMetadata> t = (Class<? extends HasMetadata>) type;
        if (!HasMetadata.getKind(t).equals(kind)) {
            return Optional.empty();
        }
        return snapshot.get(t, namespace, name).map(HasMetadata.class::cast);
    }

    private static String ref(HasMetadata o) {
        String ns = ClusterSnapshot.namespaceOrNull(o);
        return ns == null ? o.getKind() + "/" + o.getMetadata().getName() : o.getKind() + "/" + ns + "/" + o.getMetadata().getName();
    }

    /** "pod/x phase Running, node n1; container app: waiting CrashLoopBackOff, restarts 12, last exit 1 (Error)". */
    static String podState(Pod p) {
        StringBuilder b = new StringBuilder("pod/" + p.getMetadata().getName());
        var status = p.getStatus();
        b.append(" phase ").append(status == null || status.getPhase() == null ? "unknown" : status.getPhase());
        String node = p.getSpec().getNodeName();
        b.append(node == null || node.isEmpty() ? ", not scheduled to a node" : ", node " + node);
        if (status != null) {
            List<ContainerStatus> all = new ArrayList<>(status.getInitContainerStatuses());
            all.addAll(status.getContainerStatuses());
            for (ContainerStatus c : all) {
                b.append("; container ").append(c.getName()).append(": ");
                var state = c.getState();
                if (state != null && state.getWaiting() != null) {
                    b.append("waiting ").append(state.getWaiting().getReason());
                } else if (state != null && state.getTerminated() != null) {
                    b.append("terminated ").append(state.getTerminated().getReason())
                            .append(" exit ").append(state.getTerminated().getExitCode());
                } else if (state != null && state.getRunning() != null) {
                    b.append("running");
                } else {
                    b.append("unknown state");
                }
                b.append(Boolean.TRUE.equals(c.getReady()) ? ", ready" : ", not ready");
                b.append(", restarts ").append(c.getRestartCount() == null ? 0 : c.getRestartCount());
                ContainerStateTerminated last = c.getLastState() == null ? null : c.getLastState().getTerminated();
                if (last != null) {
                    b.append(", last exit ").append(last.getExitCode()).append(" (").append(last.getReason()).append(')');
                }
            }
        }
        return b.toString();
    }

    /** Previous-instance log tails of containers that restarted; unavailable logs become notes. */
    private static void previousLogs(KubeConnection connection, List<Pod> pods, List<DiagnosisFacts.ContainerLog> logs,
                                     List<String> notes) {
        for (Pod p : pods) {
            if (p.getStatus() == null) {
                continue;
            }
            for (ContainerStatus c : p.getStatus().getContainerStatuses()) {
                boolean crashed = c.getLastState() != null && c.getLastState().getTerminated() != null;
                if (!crashed || logs.size() + countLogNotes(notes) >= MAX_LOGS) {
                    continue;
                }
                String who = "pod/" + p.getMetadata().getName() + " container " + c.getName();
                String node = p.getSpec().getNodeName();
                if (node == null || node.isEmpty()) {
                    notes.add("previous log of " + who + " unavailable: the pod is not on a node");
                    continue;
                }
                try {
                    String log = connection.client().pods().inNamespace(p.getMetadata().getNamespace())
                            .withName(p.getMetadata().getName()).inContainer(c.getName())
                            .usingTimestamps().terminated().tailingLines(LOG_LINES).getLog();
                    if (log == null || log.isBlank()) {
                        notes.add("previous log of " + who + " is empty");
                    } else {
                        logs.add(new DiagnosisFacts.ContainerLog(p.getMetadata().getName(), c.getName(), tail(log)));
                    }
                } catch (RuntimeException e) {
                    // No kubelet reachable, log rotated away, or no permission for pods/log: the model can still work from the rest.
                    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
                    notes.add("previous log of " + who + " unavailable: " + why);
                }
            }
        }
    }

    private static long countLogNotes(List<String> notes) {
        return notes.stream().filter(n -> n.startsWith("previous log of")).count();
    }

    /** Redacted first, then cut: a cut must never leave half a secret that redaction no longer recognises. */
    private static String tail(String rawLog) {
        String log = dev.k8sai.redact.Redactor.redact(rawLog).text();
        return log.length() <= MAX_LOG_CHARS ? log
                : "[... earlier lines left out ...]\n" + log.substring(log.length() - MAX_LOG_CHARS);
    }
}
