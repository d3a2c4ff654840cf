package dev.k8sai.analyze;

import dev.k8sai.cluster.LabelSelector;
import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.cluster.LiveSnapshotSource;
import dev.k8sai.cluster.SnapshotReader;
import dev.k8sai.cluster.SnapshotRequest;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    private final SnapshotReader reader;

    /** The real registry ({@link Analyzers#all()}). */
    public AnalyzeService(SnapshotReader reader) {
        this(Analyzers.all(), reader);
    }

    public AnalyzeService(List<Analyzer> registry, SnapshotReader reader) {
        this.registry = List.copyOf(registry);
        this.reader = reader;
    }

    public AnalyzeOutcome run(AnalyzeRequest request) {
        SnapshotRequest source = request.source();
        if (source.live()) {
            String context = source.target().context();
            List<String> contexts = request.allContexts() ? reader.contextNames(source)
                    : context == null ? List.of() : MultiClusterAnalysis.split(context);
            if (contexts.size() > 1 || request.allContexts()) {
                return MultiClusterAnalysis.run(contexts, one -> runOne(request,
                        new SnapshotRequest(null, source.target().withContext(one), source.labelSelector())));
            }
        }
        return runOne(request, source);
    }

    /** One source: the file, or the live cluster of one context. */
    private AnalyzeOutcome runOne(AnalyzeRequest request, SnapshotRequest source) {
        List<Analyzer> analyzers = Analyzers.select(registry, request.filters());
        LabelSelector selector = source.selector();
        return reader.read(source, Analyzers.needs(analyzers), Analyzers.customKinds(analyzers, request.skipCrdGroups()), read -> {
            long analyzeStart = System.nanoTime();
            List<String> notes = new ArrayList<>(read.notes());
            List<String> details = new ArrayList<>();
            List<Finding> findings = select(runAnalyzers(read.snapshot(), analyzers, notes), read.snapshot(), selector);
            if (read.live() != null) {
                findings = withLogTails(read.live(), read.snapshot(), findings, details);
            }
            FindingsReport report = FindingsReport.of(read.snapshot().source(), ReportRedaction.apply(findings),
                    notChecked(read.snapshot(), analyzers));
            return new AnalyzeOutcome(report, read.snapshot(), notes, details, read.timings(), read.readTime(),
                    Duration.ofNanos(System.nanoTime() - analyzeStart));
        });
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
        // side by side as the checks (the pod analyzer walks every pod's references again); registry order kept
        List<List<FindingsReport.NotChecked>> parts = analyzers.parallelStream().map(analyzer -> {
            try {
                return analyzer.notChecked(snapshot);
            } catch (RuntimeException e) {
                return List.<FindingsReport.NotChecked>of(); // counting is best effort: a malformed object must not cost the report
            }
        }).toList();
        return NotCheckedTally.merge(parts);
    }

    private static List<Finding> runAnalyzers(ClusterSnapshot snapshot, List<Analyzer> analyzers, List<String> notes) {
        // Analyzers are pure functions of an immutable snapshot, so they run side by side (a large
        // snapshot's checks take a tenth of a CLI run); the results keep registry order.
        List<Run> runs = analyzers.parallelStream().map(a -> Run.of(a, snapshot)).toList();
        List<Finding> findings = new ArrayList<>();
        for (Run run : runs) {
            findings.addAll(run.findings());
            if (run.failure() != null) {
                notes.add(run.failure());
            }
        }
        return SymptomFolding.fold(findings);
    }

    /** One analyzer's findings, or why it failed. */
    private record Run(List<Finding> findings, String failure) {
        static Run of(Analyzer analyzer, ClusterSnapshot snapshot) {
            try {
                return new Run(analyzer.analyze(snapshot), null);
            } catch (RuntimeException e) {
                // One broken check must not hide what the others found; the note says what is missing.
                return new Run(List.of(), "analyzer " + analyzer.name() + " failed (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
                        + "); its findings are missing");
            }
        }
    }

    private static List<Finding> keepMatching(List<Finding> findings, ClusterSnapshot snapshot, LabelSelector selector) {
        return findings.stream().filter(f -> selector.admits(snapshot, f.kind(), f.namespace(), f.name())).toList();
    }
}
