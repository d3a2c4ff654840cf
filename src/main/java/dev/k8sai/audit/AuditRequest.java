package dev.k8sai.audit;

import dev.k8sai.cluster.SnapshotRequest;

/** What to audit ({@code source}, read as analyze reads it) and with which checks ({@code options}). */
public record AuditRequest(SnapshotRequest source, AuditOptions options) {

    public AuditRequest {
        options = options == null ? AuditOptions.defaults() : options;
    }
}
