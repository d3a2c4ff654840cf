package dev.k8sai.analyze;

import dev.k8sai.AgentException;
import dev.k8sai.ErrorCategory;
import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.cluster.InformerSnapshotSource;
import dev.k8sai.cluster.KubeClients;
import dev.k8sai.cluster.KubeConnection;
import dev.k8sai.cluster.LabelSelector;
import dev.k8sai.cluster.SnapshotRequest;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code analyze --watch}: after the first report, informers keep the cluster's state current; after
 * each burst of changes (checked every {@link #PERIOD}) the same analyzers run again and every
 * finding that appeared or cleared since the last run is passed on, with the time. A finding is the
 * same finding while its analyzer, object and reason stay (a changed count in its message is not a
 * new problem). Runs until the thread is interrupted.
 */
public final class AnalyzeWatch {

    /** How often the informers' event count is looked at; bursts of events become one re-analysis. */
    static final Duration PERIOD = Duration.ofMillis(500);

    private final List<Analyzer> registry;

    public AnalyzeWatch(List<Analyzer> registry) {
        this.registry = List.copyOf(registry);
    }

    public AnalyzeWatch() {
        this(Analyzers.all());
    }

    /**
     * Watches the live cluster of {@code request} ({@code env} supplies KUBECONFIG), starting from {@code baseline} (the first report's
     * findings); notes (kinds that cannot be watched) go to {@code notes} once.
     */
    public void run(AnalyzeRequest request, Map<String, String> env, List<Finding> baseline, Consumer<String> notes,
                    Consumer<FindingChange> changes) {
        SnapshotRequest what = request.source();
        if (!what.live()) {
            throw new AgentException(ErrorCategory.USAGE, "--watch needs a live cluster, not a file");
        }
        List<Analyzer> analyzers = Analyzers.select(registry, request.filters());
        LabelSelector selector = what.selector();
        try (KubeConnection connection = KubeClients.connect(what.target(), env);
             InformerSnapshotSource source = new InformerSnapshotSource(connection, Analyzers.needs(analyzers),
                     what.target().resolvedBy(connection).scope(), selector == null ? null : selector.text())) {
            source.notes().forEach(notes);
            Map<String, Finding> current = byKey(baseline);
            long seen = -1;
            while (!Thread.currentThread().isInterrupted()) {
                long now = source.changes();
                if (now != seen) {
                    seen = now;
                    ClusterSnapshot snapshot = source.snapshot();
                    List<Finding> found = AnalyzeService.analyze(snapshot, analyzers).findings();
                    if (selector != null) {
                        found = found.stream().filter(f -> selector.admits(snapshot, f.kind(), f.namespace(), f.name())).toList();
                    }
                    current = diff(current, byKey(found), snapshot.now(), changes);
                }
                try {
                    Thread.sleep(PERIOD);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static Map<String, Finding> diff(Map<String, Finding> before, Map<String, Finding> after, Instant time,
                                             Consumer<FindingChange> changes) {
        List<FindingChange> out = new ArrayList<>();
        before.forEach((k, f) -> {
            if (!after.containsKey(k)) {
                out.add(new FindingChange(time, false, f));
            }
        });
        after.forEach((k, f) -> {
            if (!before.containsKey(k)) {
                out.add(new FindingChange(time, true, f));
            }
        });
        out.forEach(changes);
        return after;
    }

    private static Map<String, Finding> byKey(List<Finding> findings) {
        Map<String, Finding> map = new LinkedHashMap<>();
        findings.forEach(f -> map.putIfAbsent(f.analyzer() + "|" + f.objectRef() + "|" + f.reason(), f));
        return map;
    }
}
