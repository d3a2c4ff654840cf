package dev.k8sai.audit;

import dev.k8sai.audit.AuditResult.WorkloadLevel;
import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.cluster.LabelSelector;
import dev.k8sai.cluster.SnapshotReader;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an audit end to end: reads the snapshot as analyze does ({@link SnapshotReader}, only the
 * kinds {@link AuditService#needs} names), audits it, and applies the label selector.
 *
 * <p>Label selector ({@code -l}), as for analyze: live, the server filters pods and workload
 * controllers; in both modes findings and workload levels are then kept only for objects whose own
 * labels match, so a Role without that label is not reported. Findings whose object is not in the
 * snapshot are kept (nothing to judge them by).
 */
public final class AuditRunner {

    private final AuditService service;
    private final SnapshotReader reader;

    public AuditRunner(AuditService service, SnapshotReader reader) {
        this.service = service;
        this.reader = reader;
    }

    public AuditResult run(AuditRequest request) {
        SnapshotReader.Read read = reader.read(request.source(), AuditService.needs(request.options()), r -> r);
        LabelSelector selector = request.source().selector();
        ClusterSnapshot snapshot = read.snapshot();
        List<String> notes = new ArrayList<>(read.notes());
        AuditResult result = service.audit(snapshot, request.options());
        notes.addAll(result.notes());
        if (selector == null) {
            return new AuditResult(result.report(), result.workloads(), result.images(), notes);
        }
        List<Finding> findings = result.report().findings().stream()
                .filter(f -> selector.admits(snapshot, f.kind(), f.namespace(), f.name())).toList();
        List<WorkloadLevel> levels = result.workloads().stream()
                .filter(w -> selector.admits(snapshot, w.kind(), w.namespace(), w.name())).toList();
        return new AuditResult(FindingsReport.of(result.report().source(), findings), levels, result.images(), notes);
    }
}
