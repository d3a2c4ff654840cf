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
 * @param watchCache         when the shared watch cache starts its informers, or off
 */
public record ServeSettings(ListenAddress listen, Path tlsCert, Path tlsKey, AuthSettings auth, boolean insecureNoAuth,
                            Path kubeconfig, String context, Path configFile, boolean allowWrites, boolean impersonate,
                            String auditLog, Limits limits, String version, WatchCacheMode watchCache) {

    /** {@code --watch-cache}: informers start on the first analyze/audit (lazy), at start (eager), or never (off: every request LISTs). */
    public enum WatchCacheMode { LAZY, EAGER, OFF }

    public ServeSettings {
        watchCache = watchCache == null ? WatchCacheMode.LAZY : watchCache;
    }

    /** The watch cache started lazily. */
    public ServeSettings(ListenAddress listen, Path tlsCert, Path tlsKey, AuthSettings auth, boolean insecureNoAuth,
                         Path kubeconfig, String context, Path configFile, boolean allowWrites, boolean impersonate,
                         String auditLog, Limits limits, String version) {
        this(listen, tlsCert, tlsKey, auth, insecureNoAuth, kubeconfig, context, configFile, allowWrites, impersonate,
                auditLog, limits, version, WatchCacheMode.LAZY);
    }

    /** These settings with another watch cache mode. */
    public ServeSettings withWatchCache(WatchCacheMode mode) {
        return new ServeSettings(listen, tlsCert, tlsKey, auth, insecureNoAuth, kubeconfig, context, configFile, allowWrites,
                impersonate, auditLog, limits, version, mode);
    }

    /** The server's limits. */
    public record Limits(long maxBodyBytes, int runsPerUser, long dailyTokensPerUser, Duration runTimeout,
                         Duration approvalTimeout, Duration shutdownGrace) {
        public static final Limits DEFAULT = new Limits(1 << 20, 2, 200_000, Duration.ofMinutes(10),
                Duration.ofMinutes(10), Duration.ofSeconds(30));
    }
}
