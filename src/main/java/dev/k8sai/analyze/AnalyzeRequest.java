package dev.k8sai.analyze;

import java.nio.file.Path;
import java.util.List;

/**
 * What to analyse: a snapshot file ({@code file}, "-" for stdin) or, when file is null, the live
 * cluster of {@code kubeconfig}/{@code context}. Scope: {@code allNamespaces}, else
 * {@code namespace}, else (live) the context's namespace or (file) every namespace in the file.
 * {@code labelSelector} and {@code filters} may be null. {@code skipCrdGroups}: API groups whose custom
 * resources the generic conditions check leaves alone (opt-out), may be empty. Several clusters:
 * {@code context} "a,b", or {@code allContexts} for every context of the kubeconfig.
 */
public record AnalyzeRequest(String file, Path kubeconfig, String context, String namespace, boolean allNamespaces,
                             String labelSelector, List<String> filters, List<String> skipCrdGroups, boolean allContexts) {

    public AnalyzeRequest {
        filters = filters == null ? List.of() : List.copyOf(filters);
        skipCrdGroups = skipCrdGroups == null ? List.of() : List.copyOf(skipCrdGroups);
    }

    public AnalyzeRequest(String file, Path kubeconfig, String context, String namespace, boolean allNamespaces,
                          String labelSelector, List<String> filters) {
        this(file, kubeconfig, context, namespace, allNamespaces, labelSelector, filters, List.of(), false);
    }


    public boolean live() {
        return file == null;
    }
}
