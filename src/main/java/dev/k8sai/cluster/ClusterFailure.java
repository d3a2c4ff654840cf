package dev.k8sai.cluster;

import dev.k8sai.AgentException;
import dev.k8sai.ErrorCategory;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * What went wrong with the cluster, for front ends that answer with a status rather than an exit code
 * (serve: 403, 504, else 502). Read from the cause {@link KubeClients#translate} keeps, so the CLI's
 * one-line message and the server's status come from the same failure.
 */
public enum ClusterFailure {
    /** The API server refused the request (403): the identity's RBAC does not allow it. */
    FORBIDDEN,
    /** The API server did not answer in time (connect or request timeout). */
    TIMED_OUT,
    /** Anything else: unreachable, refused, TLS, rejected credentials, an unusable kubeconfig, a server error. */
    FAILED;

    /** The kind of {@code e}, an exception of category {@link ErrorCategory#CLUSTER}. */
    public static ClusterFailure of(AgentException e) {
        Throwable cause = e.getCause();
        if (cause == null) {
            return FAILED;
        }
        KubernetesClientException kce = KubeClients.find(cause, KubernetesClientException.class);
        if (kce != null && kce.getCode() == 403) {
            return FORBIDDEN;
        }
        Throwable network = KubeClients.networkCause(cause);
        return network != null && KubeClients.isTimeout(network) ? TIMED_OUT : FAILED;
    }
}
