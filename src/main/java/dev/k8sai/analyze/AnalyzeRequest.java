package dev.k8sai.analyze;

import dev.k8sai.cluster.SnapshotRequest;
import java.util.List;

/** What to analyse ({@code source}) and which analyzers to run ({@code filters}, empty or null: all). */
public record AnalyzeRequest(SnapshotRequest source, List<String> filters) {

    public AnalyzeRequest {
        filters = filters == null ? List.of() : List.copyOf(filters);
    }
}
