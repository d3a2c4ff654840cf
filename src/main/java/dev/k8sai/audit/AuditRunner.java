package dev.k8sai.audit;

import dev.k8sai.audit.AuditResult.WorkloadLevel;
import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.cluster.KubeClients;
import dev.k8sai.cluster.KubeConnection;
import dev.k8sai.cluster.LabelSelector;
import dev.k8sai.cluster.LiveSnapshotSource;
import dev.k8sai.cluster.SnapshotFileReader;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs an audit end to end: reads the snapshot the same way analyze does (file via
 * {@link SnapshotFileReader}, live via {@link LiveSnapshotSource}, only the kinds
 * {@link AuditService#needs} names), audits it, and applies the label selector.
 *
 * <p>Label selector ({@code -l}), as for analyze: live, the server filters pods and workload
 * controllers; in both modes findings and workload levels are then kept only for objects whose own
 * labels match, so a Role without that label is not reported. Findings whose object is not in the
 * snapshot are kept (nothing to judge them by).
 */
public final class AuditRunner {

    private final AuditService service;
    private final InputStream stdin;

    public AuditRunner() {
        this(new AuditService(), System.in);
    }

    public AuditRunner(AuditService service, InputStream stdin) {
        this.service = service;
        this.stdin = stdin;
    }

    public AuditResult run(AuditRequest request) {
        Set<Class<? extends HasMetadata>> needs = AuditService.needs(request.options());
        LabelSelector selector = request.labelSelector() == null || request.labelSelector().isBlank()
                ? null : LabelSelector.parse(request.labelSelector());
        List<String> notes = new ArrayList<>();
        ClusterSnapshot snapshot;
        if (request.live()) {
            try (KubeConnection connection = KubeClients.connect(request.kubeconfig(), request.context())) {
                String namespace = request.allNamespaces() ? null
                        : request.namespace() != null ? request.namespace() : connection.namespace();
                LiveSnapshotSource.Result live = new LiveSnapshotSource(connection)
                        .collect(needs, namespace, selector == null ? null : selector.text());
                snapshot = live.snapshot();
                notes.addAll(live.notes());
            }
        } else {
            SnapshotFileReader.Result file = new SnapshotFileReader(needs)
                    .read(request.file(), stdin, request.allNamespaces() ? null : request.namespace());
            snapshot = file.snapshot();
            notes.addAll(file.notes());
        }
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
