package dev.k8sai.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * Which cluster a run works on, and as whom: chosen once by the user (command-line flags, a server
 * request), never by the model. fabric8 ({@link KubeClients#connect(ClusterTarget, java.util.Map)})
 * and kubectl ({@code tools.KubectlSettings.of}: a private kubeconfig copy with this context and
 * namespace, --as/--as-group) both take it from here.
 *
 * @param kubeconfig    kubeconfig file, null for $KUBECONFIG / ~/.kube/config
 * @param context       kubeconfig context, null for its current-context
 * @param namespace     namespace to work in, null for the context's namespace
 * @param allNamespaces work across all namespaces (namespace is then ignored)
 * @param asUser        identity to impersonate (kubectl --as), null for none
 * @param asGroups      groups to impersonate (kubectl --as-group)
 */
public record ClusterTarget(Path kubeconfig, String context, String namespace, boolean allNamespaces,
                            String asUser, List<String> asGroups) {

    public ClusterTarget {
        namespace = blankToNull(namespace);
        context = blankToNull(context);
        asUser = blankToNull(asUser);
        asGroups = asGroups == null ? List.of() : List.copyOf(asGroups);
    }

    /** kubeconfig defaults, no impersonation. */
    public ClusterTarget(Path kubeconfig, String context, String namespace, boolean allNamespaces) {
        this(kubeconfig, context, namespace, allNamespaces, null, List.of());
    }

    /** The current context of the default kubeconfig, its namespace. */
    public static ClusterTarget defaults() {
        return new ClusterTarget(null, null, null, false);
    }

    /**
     * This target with what a connection resolved filled in: the kubeconfig file actually read, the
     * context's name and (without -n or -A) the context's namespace. Done once per run, so every
     * consumer sees the same cluster and namespace.
     */
    public ClusterTarget resolvedBy(KubeConnection connection) {
        String ns = allNamespaces ? null : namespace != null ? namespace : connection.namespace();
        String ctx = context != null ? context : "(none)".equals(connection.contextName()) ? null : connection.contextName();
        return new ClusterTarget(connection.kubeconfig(), ctx, ns, allNamespaces, asUser, asGroups);
    }

    /** This target in one other namespace (chat's /namespace). */
    public ClusterTarget withNamespace(String otherNamespace) {
        return new ClusterTarget(kubeconfig, context, otherNamespace, false, asUser, asGroups);
    }

    /** This target on another context of the same kubeconfig (analyze over several clusters). */
    public ClusterTarget withContext(String otherContext) {
        return new ClusterTarget(kubeconfig, otherContext, namespace, allNamespaces, asUser, asGroups);
    }

    /** The namespace to scope reads to: null across all namespaces (or when not resolved and not given). */
    public String scope() {
        return allNamespaces ? null : namespace;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
