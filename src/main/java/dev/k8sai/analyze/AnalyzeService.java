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
import java.util.stream.IntStream;

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
            Checks checks = Checks.run(read.snapshot(), analyzers);
            notes.addAll(checks.failures());
            List<Finding> findings = select(checks.findings(), read.snapshot(), selector);
            if (read.live() != null) {
                findings = withLogTails(read.live(), read.snapshot(), findings, details);
            }
            FindingsReport report = FindingsReport.of(read.snapshot().source(), ReportRedaction.apply(findings), checks.notChecked());
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
        Checks checks = Checks.run(snapshot, analyzers);
        return FindingsReport.of(snapshot.source(), ReportRedaction.apply(checks.findings()), checks.notChecked());
    }

    /**
     * The analyzers' findings (symptoms folded), why any analyzer failed, and the references they
     * could not judge, summed per kind, namespace and cause.
     */
    record Checks(List<Finding> findings, List<String> failures, List<FindingsReport.NotChecked> notChecked) {

        static Checks run(ClusterSnapshot snapshot, List<Analyzer> analyzers) {
            // Analyzers are pure functions of an immutable snapshot, so their checks and their
            // not-checked counts (the pod analyzer walks every pod's references again) all run side by
            // side as one batch, which keeps both cores busy until the last; results keep registry order.
            int n = analyzers.size();
            List<Run> runs = IntStream.range(0, 2 * n).parallel()
                    .mapToObj(i -> i < n ? Run.of(analyzers.get(i), snapshot) : Run.notChecked(analyzers.get(i - n), snapshot))
                    .toList();
            List<Finding> findings = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            List<List<FindingsReport.NotChecked>> notChecked = new ArrayList<>();
            for (Run run : runs) {
                findings.addAll(run.findings());
                notChecked.add(run.notChecked());
                if (run.failure() != null) {
                    failures.add(run.failure());
                }
            }
            return new Checks(SymptomFolding.fold(findings), failures, NotCheckedTally.merge(notChecked));
        }
    }

    /** One analyzer's findings, or why it failed; or its not-checked counts. */
    private record Run(List<Finding> findings, String failure, List<FindingsReport.NotChecked> notChecked) {
        static Run of(Analyzer analyzer, ClusterSnapshot snapshot) {
            try {
                return new Run(analyzer.analyze(snapshot), null, List.of());
            } catch (RuntimeException e) {
                // One broken check must not hide what the others found; the note says what is missing.
                return new Run(List.of(), "analyzer " + analyzer.name() + " failed (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""))
                        + "); its findings are missing", List.of());
            }
        }

        static Run notChecked(Analyzer analyzer, ClusterSnapshot snapshot) {
            try {
                return new Run(List.of(), null, analyzer.notChecked(snapshot));
            } catch (RuntimeException e) {
                return new Run(List.of(), null, List.of()); // counting is best effort: a malformed object must not cost the report
            }
        }
    }

    private static List<Finding> keepMatching(List<Finding> findings, ClusterSnapshot snapshot, LabelSelector selector) {
        return findings.stream().filter(f -> selector.admits(snapshot, f.kind(), f.namespace(), f.name())).toList();
    }
}
