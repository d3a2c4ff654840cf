package dev.k8sai.cluster;

/**
 * Where analyze and audit read their snapshot from: a file ({@code file}, "-" for stdin) or, when
 * file is null, the live cluster of {@code target}. Scope: all namespaces, else the target's
 * namespace, else (live) the context's namespace or (file) every namespace in the file.
 * {@code labelSelector} may be null.
 */
public record SnapshotRequest(String file, ClusterTarget target, String labelSelector) {

    public SnapshotRequest {
        target = target == null ? ClusterTarget.defaults() : target;
        labelSelector = labelSelector == null || labelSelector.isBlank() ? null : labelSelector;
    }

    public boolean live() {
        return file == null;
    }

    /** The parsed -l selector, null when none was given. */
    public LabelSelector selector() {
        return labelSelector == null ? null : LabelSelector.parse(labelSelector);
    }
}
