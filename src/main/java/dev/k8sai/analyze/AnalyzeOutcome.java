package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.cluster.LiveSnapshotSource.ListTiming;
import dev.k8sai.report.FindingsReport;
import java.time.Duration;
import java.util.List;

/**
 * The result of one analysis: the report, the snapshot it came from (for --explain), notes for the
 * user (skipped kinds, ignored file content, failed analyzers), details shown only with --verbose
 * (e.g. container logs that could not be read), and timings for --verbose: the raw
 * LIST calls (live only), reading the snapshot, and running the analyzers.
 */
public record AnalyzeOutcome(FindingsReport report, ClusterSnapshot snapshot, List<String> notes, List<String> details,
                             List<ListTiming> listTimings, Duration readTime, Duration analyzeTime) {

    public AnalyzeOutcome {
        notes = List.copyOf(notes);
        details = List.copyOf(details);
        listTimings = List.copyOf(listTimings);
    }
}
