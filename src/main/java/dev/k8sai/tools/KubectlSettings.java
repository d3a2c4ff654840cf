package dev.k8sai.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How this session runs kubectl and against what. The target — kubeconfig, context, namespace and
 * impersonation — comes from the user (command-line flags; the app layer's cluster target), never
 * from the model: kubectl gets it as a private kubeconfig copy and arguments added by our code
 * (see {@link PrivateKubeconfig}). Null means kubectl's own default.
 *
 * @param namespace the default namespace for the model's commands (its own -n still wins), null for the context's
 * @param asUser    identity to impersonate (--as), null for none
 * @param asGroups  groups to impersonate (--as-group)
 */
public record KubectlSettings(Path kubectlBinary, Path kubeconfig, String context, String namespace, String asUser,
                              List<String> asGroups, Duration timeout, int maxOutputBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

    public KubectlSettings {
        if (kubectlBinary == null) {
            kubectlBinary = Path.of("kubectl");
        }
        context = blankToNull(context);
        namespace = blankToNull(namespace);
        asUser = blankToNull(asUser);
        asGroups = asGroups == null ? List.of() : List.copyOf(asGroups);
        if (timeout == null) {
            timeout = DEFAULT_TIMEOUT;
        }
        if (maxOutputBytes <= 0) {
            maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES;
        }
    }

    /** The kubeconfig's context (or its current one) and namespace, no impersonation. */
    public KubectlSettings(Path kubectlBinary, Path kubeconfig, String context, Duration timeout, int maxOutputBytes) {
        this(kubectlBinary, kubeconfig, context, null, null, List.of(), timeout, maxOutputBytes);
    }

    /** For a run's target (all namespaces: no default namespace; the model says -A itself). */
    public static KubectlSettings of(Path kubectlBinary, dev.k8sai.cluster.ClusterTarget target) {
        return new KubectlSettings(kubectlBinary, target.kubeconfig(), target.context(), target.scope(), target.asUser(),
                target.asGroups(), DEFAULT_TIMEOUT, DEFAULT_MAX_OUTPUT_BYTES);
    }

    public static KubectlSettings defaults(Path kubeconfig, String context) {
        return new KubectlSettings(Path.of("kubectl"), kubeconfig, context, DEFAULT_TIMEOUT, DEFAULT_MAX_OUTPUT_BYTES);
    }

    /** The arguments our code adds to every model command: impersonation, never the model's choice. */
    List<String> targetArguments() {
        List<String> args = new java.util.ArrayList<>();
        if (asUser != null) {
            args.add("--as=" + asUser);
        }
        asGroups.forEach(g -> args.add("--as-group=" + g));
        return args;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
