package dev.k8sai.server;

import dev.k8sai.server.auth.AuthSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything {@code serve} was started with.
 *
 * @param listen             address and port
 * @param tlsCert            PEM certificate chain (with tlsKey: HTTPS)
 * @param tlsKey             PEM private key
 * @param auth               authentication methods
 * @param insecureNoAuth     no authentication (only on a loopback address)
 * @param kubeconfig         the server's own kubeconfig (null: default or in-cluster)
 * @param context            its context
 * @param configFile         the provider configuration (null: default location)
 * @param allowWrites        whether any change may be approved at all
 * @param impersonate        cluster requests carry the authenticated user as Kubernetes impersonation
 * @param auditLog           "-" for stdout, else a file
 * @param limits             body cap, concurrency, budget and timeouts
 * @param version            the tool's version (SARIF names it)
 */
public record ServeSettings(ListenAddress listen, Path tlsCert, Path tlsKey, AuthSettings auth, boolean insecureNoAuth,
                            Path kubeconfig, String context, Path configFile, boolean allowWrites, boolean impersonate,
                            String auditLog, Limits limits, String version) {

    /** The server's limits. */
    public record Limits(long maxBodyBytes, int runsPerUser, long dailyTokensPerUser, Duration runTimeout,
                         Duration approvalTimeout, Duration shutdownGrace) {
        public static final Limits DEFAULT = new Limits(1 << 20, 2, 200_000, Duration.ofMinutes(10),
                Duration.ofMinutes(10), Duration.ofSeconds(30));
    }
}
