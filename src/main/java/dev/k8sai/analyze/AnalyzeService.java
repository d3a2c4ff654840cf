package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.cluster.KubeClients;
import dev.k8sai.cluster.KubeConnection;
import dev.k8sai.cluster.LabelSelector;
import dev.k8sai.cluster.LiveSnapshotSource;
import dev.k8sai.cluster.ResourceKind;
import dev.k8sai.cluster.SnapshotFileReader;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Runs analyze end to end: picks the source (file or live cluster), reads the kinds the selected
 * analyzers need, runs them, and builds the sorted {@link FindingsReport}.
 *
 * <p>Label selector ({@code -l}): live, it is sent to the server for pods and workload controllers
 * only (see {@link LiveSnapshotSource}); in both modes, findings are then kept only for objects whose
 * own labels match, so a Service or ConfigMap of another app is not reported because its pods were
 * filtered out. Findings whose object is not in the snapshot are kept (nothing to judge them by).
 */
public final class AnalyzeService {

    /** All log reads of one run share this budget: analyze must stay fast when kubelets do not answer. */
    static final Duration LOG_DEADLINE = Duration.ofSeconds(5);

    private final List<Analyzer> registry;
    private final InputStream stdin;

    /** The real registry ({@link Analyzers#all()}), stdin for "-f -". */
    public AnalyzeService() {
        this(Analyzers.all(), System.in);
    }

    public AnalyzeService(List<Analyzer> registry, InputStream stdin) {
        this.registry = List.copyOf(registry);
        this.stdin = stdin;
    }

    public AnalyzeOutcome run(AnalyzeRequest request) {
        if (request.live()) {
            List<String> contexts = request.allContexts() ? KubeClients.contextNames(request.kubeconfig())
                    : request.context() == null ? List.of() : MultiClusterAnalysis.split(request.context());
            if (contexts.size() > 1 || request.allContexts()) {
                return MultiClusterAnalysis.run(contexts, context -> runOne(request, context));
            }
        }
        return runOne(request, request.context());
    }

    /** One source: the file, or the live cluster of {@code context} (null: the current one). */
    private AnalyzeOutcome runOne(AnalyzeRequest request, String context) {
        List<Analyzer> analyzers = Analyzers.select(registry, request.filters());
        LabelSelector selector = request.labelSelector() == null || request.labelSelector().isBlank()
                ? null : LabelSelector.parse(request.labelSelector());
        Set<Class<? extends HasMetadata>> needs = Analyzers.needs(analyzers);
        Predicate<ResourceKind> customKinds = Analyzers.customKinds(analyzers, request.skipCrdGroups());
        long start = System.nanoTime();
        ClusterSnapshot snapshot;
        List<String> notes = new ArrayList<>();
        List<String> details = new ArrayList<>();
        List<LiveSnapshotSource.ListTiming> timings = List.of();
        List<Finding> findings;
        Duration readTime;
        long analyzeStart;
        if (request.live()) {
            try (KubeConnection connection = KubeClients.connect(request.kubeconfig(), context)) {
                String namespace = request.allNamespaces() ? null
                        : request.namespace() != null ? request.namespace() : connection.namespace();
                LiveSnapshotSource source = new LiveSnapshotSource(connection);
                LiveSnapshotSource.Result live = source.collect(needs, customKinds, namespace,
                        selector == null ? null : selector.text());
                snapshot = live.snapshot();
                notes.addAll(live.notes());
                timings = live.timings();
                readTime = Duration.ofNanos(System.nanoTime() - start);
                analyzeStart = System.nanoTime();
                findings = select(runAnalyzers(snapshot, analyzers, notes), snapshot, selector);
                findings = withLogTails(source, snapshot, findings, details);
            }
        } else {
            SnapshotFileReader.Result file = new SnapshotFileReader(needs, customKinds == null ? k -> false : customKinds)
                    .read(request.file(), stdin, request.allNamespaces() ? null : request.namespace());
            snapshot = file.snapshot();
            notes.addAll(file.notes());
            readTime = Duration.ofNanos(System.nanoTime() - start);
            analyzeStart = System.nanoTime();
            findings = select(runAnalyzers(snapshot, analyzers, notes), snapshot, selector);
        }
        FindingsReport report = FindingsReport.of(snapshot.source(), ReportRedaction.apply(findings),
                notChecked(snapshot, analyzers));
        return new AnalyzeOutcome(report, snapshot, notes, details, timings, readTime,
                Duration.ofNanos(System.nanoTime() - analyzeStart));
    }

    private static List<Finding> select(List<Finding> findings, ClusterSnapshot snapshot, LabelSelector selector) {
        return selector == null ? findings : keepMatching(findings, snapshot, selector);
    }

    /**
     * Live only: adds the log tails of failing containers (see {@link AnalyzeLogEvidence}). Logs need
     * a kubelet; when none answers, the findings stay as they are and one line says why (--verbose).
     */
    private static List<Finding> withLogTails(LiveSnapshotSource source, ClusterSnapshot snapshot, List<Finding> findings,
                                              List<String> details) {
        List<LiveSnapshotSource.LogRequest> requests = AnalyzeLogEvidence.requests(snapshot, findings);
        if (requests.isEmpty()) {
            return findings;
        }
        LiveSnapshotSource.LogTails tails = source.logTails(requests, AnalyzeLogEvidence.TAIL_LINES, LOG_DEADLINE);
        if (!tails.failures().isEmpty()) {
            details.add("container logs: " + tails.failures().size() + " of " + requests.size()
                    + " could not be read (first: " + tails.failures().getFirst() + "); findings have no log tail");
        }
        return AnalyzeLogEvidence.attach(findings, tails.tails());
    }

    /** Runs analyzers on a snapshot; the pure core that live and file modes share. */
    public static FindingsReport analyze(ClusterSnapshot snapshot, List<Analyzer> analyzers) {
        return FindingsReport.of(snapshot.source(), ReportRedaction.apply(runAnalyzers(snapshot, analyzers, new ArrayList<>())),
                notChecked(snapshot, analyzers));
    }

    /** The references the analyzers could not judge, summed per kind, namespace and cause. */
    static List<FindingsReport.NotChecked> notChecked(ClusterSnapshot snapshot, List<Analyzer> analyzers) {
        List<List<FindingsReport.NotChecked>> parts = new ArrayList<>();
        for (Analyzer analyzer : analyzers) {
            try {
                parts.add(analyzer.notChecked(snapshot));
            } catch (RuntimeException e) {
                // counting is best effort: a malformed object must not cost the report
            }
        }
        return NotCheckedTally.merge(parts);
    }

    private static List<Finding> runAnalyzers(ClusterSnapshot snapshot, List<Analyzer> analyzers, List<String> notes) {
        List<Finding> findings = new ArrayList<>();
        for (Analyzer analyzer : analyzers) {
            try {
                findings.addAll(analyzer.analyze(snapshot));
            } catch (RuntimeException e) {
                // One broken check must not hide what the others found; the note says what is missing.
                notes.add("analyzer " + analyzer.name() + " failed (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
                        + "); its findings are missing");
            }
        }
        return SymptomFolding.fold(findings);
    }

    private static List<Finding> keepMatching(List<Finding> findings, ClusterSnapshot snapshot, LabelSelector selector) {
        return findings.stream().filter(f -> selector.admits(snapshot, f.kind(), f.namespace(), f.name())).toList();
    }
}
