package dev.k8sai.cluster;

import dev.k8sai.AgentException;
import dev.k8sai.ErrorCategory;
import java.time.Instant;

/**
 * Where analyze and audit read their snapshot from: a file ({@code file}, "-" for stdin) or, when
 * file is null, the live cluster of {@code target}. Scope: all namespaces, else the target's
 * namespace, else (live) the context's namespace or (file) every namespace in the file.
 * {@code labelSelector} may be null.
 */
public record SnapshotRequest(String file, ClusterTarget target, String labelSelector, Instant now) {

    /**
     * {@code now}: the clock a snapshot file is judged at (--now); null for the reader's rule (stdin: the
     * current time, a file: its modification time). A live cluster is always judged at the wall clock.
     */
    public SnapshotRequest {
        target = target == null ? ClusterTarget.defaults() : target;
        labelSelector = labelSelector == null || labelSelector.isBlank() ? null : labelSelector;
        if (now != null && file == null) {
            throw new AgentException(ErrorCategory.USAGE, "--now applies to a snapshot file (-f); a live cluster is judged at the current time");
        }
    }

    public SnapshotRequest(String file, ClusterTarget target, String labelSelector) {
        this(file, target, labelSelector, null);
    }

    public boolean live() {
        return file == null;
    }

    /** The parsed -l selector, null when none was given. */
    public LabelSelector selector() {
        return labelSelector == null ? null : LabelSelector.parse(labelSelector);
    }
}
