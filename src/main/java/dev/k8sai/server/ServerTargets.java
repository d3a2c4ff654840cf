package dev.k8sai.server;

import dev.k8sai.app.LlmSettings;
import dev.k8sai.cluster.ClusterTarget;
import dev.k8sai.server.auth.AuthenticatedUser;
import java.nio.file.Path;

/**
 * The one place that turns a request into the cluster and model a run uses: the server's own
 * kubeconfig and context (never the client's), the request's namespace, and with --impersonate the
 * authenticated user and groups, so fabric8 and kubectl alike act as that person.
 */
public record ServerTargets(Path kubeconfig, String context, Path configFile, boolean impersonate) {

    public ClusterTarget forUser(AuthenticatedUser user, String namespace, boolean allNamespaces) {
        return impersonate
                ? new ClusterTarget(kubeconfig, context, namespace, allNamespaces, user.name(), user.groups())
                : new ClusterTarget(kubeconfig, context, namespace, allNamespaces);
    }

    /** A request may name the profile and model; everything else comes from the server's configuration. */
    public LlmSettings llm(String profile, String model, String language, Integer maxTokens) {
        return new LlmSettings(configFile, profile, model, language, maxTokens, null, false);
    }
}
