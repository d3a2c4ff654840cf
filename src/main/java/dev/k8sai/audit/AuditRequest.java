package dev.k8sai.audit;

import java.nio.file.Path;

/**
 * What to audit: a snapshot file ({@code file}, "-" for stdin) or, when file is null, the live
 * cluster of {@code kubeconfig}/{@code context}. Scope rules are those of analyze: {@code allNamespaces},
 * else {@code namespace}, else (live) the context's namespace or (file) every namespace in the file.
 * {@code labelSelector} may be null.
 */
public record AuditRequest(String file, Path kubeconfig, String context, String namespace, boolean allNamespaces,
                           String labelSelector, AuditOptions options) {

    public AuditRequest {
        options = options == null ? AuditOptions.defaults() : options;
    }

    public boolean live() {
        return file == null;
    }
}
