package dev.k8sai.analyze;

import dev.k8sai.cluster.SnapshotRequest;
import java.util.List;

/**
 * What to analyse ({@code source}) and which analyzers to run ({@code filters}, empty or null: all).
 * {@code skipCrdGroups}: API groups whose custom resources the generic conditions check leaves alone
 * (opt-out), may be empty. Several clusters: the source's context "a,b", or {@code allContexts} for
 * every context of the kubeconfig.
 */
public record AnalyzeRequest(SnapshotRequest source, List<String> filters, List<String> skipCrdGroups, boolean allContexts) {

    public AnalyzeRequest {
        filters = filters == null ? List.of() : List.copyOf(filters);
        skipCrdGroups = skipCrdGroups == null ? List.of() : List.copyOf(skipCrdGroups);
    }

    public AnalyzeRequest(SnapshotRequest source, List<String> filters) {
        this(source, filters, List.of(), false);
    }
}
