package dev.k8sai.cluster;

import dev.k8sai.AgentException;
import dev.k8sai.ErrorCategory;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Builds the fabric8 client from a kubeconfig the way kubectl picks it, and turns the client's
 * failures into one-line {@link AgentException}s that name what to fix.
 *
 * <p>We read the kubeconfig ourselves (instead of fabric8's auto-configuration) so that a missing
 * file or an unknown context is an error naming the file and the available contexts, rather than a
 * silent fall-back to localhost:8080.
 */
public final class KubeClients {

    /** Connect quickly: an unreachable server should fail in seconds, not after fabric8's defaults. */
    static final int CONNECT_TIMEOUT_MS = 5_000;
    /** LISTs of 500 objects from a busy API server can take a while; this bounds one page. */
    static final int REQUEST_TIMEOUT_MS = 30_000;
    /** The JDK's (overridable) security property for the PBKDF2 rounds of keys put into a PKCS12 store. */
    private static final String PKCS12_KEY_ROUNDS = "keystore.pkcs12.keyPbeIterationCount";
    /** The JDK's system property for the TLS named groups, in order of preference. */
    private static final String TLS_GROUPS = "jdk.tls.namedGroups";

    private KubeClients() {
    }

    /**
     * Opens a client for an explicit kubeconfig ({@code null}: ~/.kube/config; $KUBECONFIG is read only
     * through {@link #connect(ClusterTarget, java.util.Map)}, which is given the environment);
     * {@code context} null means the kubeconfig's current-context. Never contacts the server.
     */
    public static KubeConnection connect(Path kubeconfig, String context) {
        return connect(new ClusterTarget(kubeconfig, context, null, false), java.util.Map.of());
    }

    /**
     * Opens a client for {@code target}: its kubeconfig (else {@code env}'s KUBECONFIG, else
     * ~/.kube/config), its context (else the current one) and its impersonation. Never contacts the server.
     */
    public static KubeConnection connect(ClusterTarget target, java.util.Map<String, String> env) {
        KubeConnection early = EarlyConnection.take(target, env);
        return early != null ? early : open(target, env, false);
    }

    /**
     * {@link #connect}'s work; {@code speculative} ({@link EarlyConnection}): null instead of running a
     * credential plugin the context names, and nothing for the in-cluster identity.
     */
    static KubeConnection open(ClusterTarget target, java.util.Map<String, String> env, boolean speculative) {
        Path kubeconfig = target.kubeconfig();
        String context = target.context();
        Path path = resolveKubeconfig(kubeconfig, env.get("KUBECONFIG"), System.getProperty("user.home"));
        if (InCluster.applies(kubeconfig, env.get("KUBECONFIG"), path, env, InCluster.SERVICE_ACCOUNT)) {
            return speculative ? null : open(InCluster.config(), "in-cluster", null, target);
        }
        KubeconfigFile file = KubeconfigFile.read(path);
        List<String> names = file.contextNames();
        if (context != null && !names.contains(context)) {
            throw new AgentException(ErrorCategory.CLUSTER, "context '" + context + "' not found in " + path
                    + "; available: " + (names.isEmpty() ? "(none)" : String.join(", ", names)));
        }
        if (speculative && file.runsCredentialPlugin(context)) {
            return null;
        }
        Config config = file.clientConfig(context);
        if (context == null && config.getCurrentContext() == null && names.isEmpty() && isBlank(config.getMasterUrl())) {
            throw new AgentException(ErrorCategory.CLUSTER, "kubeconfig " + path + " has no contexts");
        }
        NamedContext current = config.getCurrentContext();
        return open(config, current != null ? current.getName() : (context != null ? context : "(none)"), path, target);
    }

    /** The client for a resolved configuration; {@code kubeconfig} is null for the in-cluster identity. */
    private static KubeConnection open(Config config, String contextName, Path kubeconfig, ClusterTarget target) {
        String namespace = isBlank(config.getNamespace()) ? "default" : config.getNamespace();
        if (target.asUser() != null) {
            config.setImpersonateUsername(target.asUser());
        }
        if (!target.asGroups().isEmpty()) {
            config.setImpersonateGroups(target.asGroups().toArray(String[]::new));
        }
        config.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        config.setRequestTimeout(REQUEST_TIMEOUT_MS);
        // fabric8 retries failed requests 10 times with backoff by default: minutes before
        // "connection refused" reaches the user. One quick retry covers a transient blip.
        config.setRequestRetryBackoffLimit(1);
        config.setRequestRetryBackoffInterval(200);
        Config chosen = config;
        // fabric8 puts a client key into an in-memory PKCS12 key store, which encrypts it with 10,000
        // PBKDF2 rounds only to decrypt it again for the TLS key manager: a third of a second of every
        // run. The store never leaves memory, so the rounds protect nothing; one will do.
        if (System.getProperty(PKCS12_KEY_ROUNDS) == null) {
            System.setProperty(PKCS12_KEY_ROUNDS, "1");
        }
        // The JDK's TLS client sends a key share for its first XDH and its first EC group; a P-256 share
        // first builds the JDK's precomputed P-256 table, another third of a second of a short run.
        // Same groups, P-384 before P-256: API servers pick X25519, and any group is still negotiable.
        if (System.getProperty(TLS_GROUPS) == null) {
            System.setProperty(TLS_GROUPS, "x25519,secp384r1,secp256r1,secp521r1,x448,ffdhe2048,ffdhe3072,ffdhe4096,ffdhe6144,ffdhe8192");
        }
        // in-cluster, the files read while building are the service account's
        Path source = kubeconfig != null ? kubeconfig : InCluster.SERVICE_ACCOUNT;
        KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(chosen);
        if (kubeconfig != null) {
            builder.withHttpClientFactory(new KubeconfigCaTrust()); // in-cluster keeps fabric8's trust
        }
        KubernetesClient client = unusableAsUsage(source, builder::build);
        return new KubeConnection(client, contextName, namespace, config.getMasterUrl(), kubeconfig);
    }

    /**
     * Files a kubeconfig names (client certificate, key, CA) are read while the client is built; one that is
     * missing or unreadable is a configuration error (exit 2) naming the file, not an internal error.
     */
    static <T> T unusableAsUsage(Path file, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            String missing = null;
            for (Throwable c = e; c != null && missing == null; c = c.getCause() == c ? null : c.getCause()) {
                if (c instanceof java.io.FileNotFoundException || c instanceof java.nio.file.NoSuchFileException
                        || c instanceof java.nio.file.AccessDeniedException) {
                    missing = c.getMessage();
                }
            }
            throw new AgentException(ErrorCategory.CLUSTER, "cannot use kubeconfig " + file + ": "
                    + (missing != null ? "a file it names cannot be read: " + firstLine(missing)
                            : firstLine(String.valueOf(e.getMessage()))), e.toString(), e);
        }
    }

    /** kubectl's order: --kubeconfig, the first existing $KUBECONFIG entry (else its first), ~/.kube/config. */
    static Path resolveKubeconfig(Path explicit, String envKubeconfig, String home) {
        if (explicit != null) {
            return explicit;
        }
        if (!isBlank(envKubeconfig)) {
            String[] parts = envKubeconfig.split(File.pathSeparator);
            for (String p : parts) {
                if (!p.isBlank() && Files.isRegularFile(Path.of(p))) {
                    return Path.of(p);
                }
            }
            return Path.of(parts[0]);
        }
        return Path.of(home, ".kube", "config");
    }

    /**
     * Translates a client failure during {@code verb resource} into a one-line USAGE error:
     * unreachable server, authentication or authorization failure, or the server's own message.
     */
    public static AgentException translate(Throwable failure, String verb, String resource, String serverUrl) {
        KubernetesClientException kce = find(failure, KubernetesClientException.class);
        int code = kce == null ? 0 : kce.getCode();
        String detail = failure.toString();
        if (code == 401) {
            return new AgentException(ErrorCategory.CLUSTER, "unauthorized at " + serverUrl
                    + ": the credentials of this context were rejected (401); refresh them or pick another --context",
                    detail, failure);
        }
        if (code == 403) {
            return new AgentException(ErrorCategory.CLUSTER, "forbidden: cannot " + verb + " " + resource
                    + " (403); your RBAC role does not allow it", detail, failure);
        }
        Throwable network = networkCause(failure);
        if (network != null) {
            String why = network instanceof ConnectException ? "connection refused"
                    : network instanceof UnknownHostException ? "unknown host"
                    : network instanceof SSLException ? "TLS handshake failed (" + firstLine(network.getMessage()) + ")"
                    : isTimeout(network) ? "timed out" : firstLine(String.valueOf(network.getMessage()));
            return new AgentException(ErrorCategory.CLUSTER, "cannot reach the Kubernetes API server at " + serverUrl
                    + ": " + why + " (is the cluster running and the --context right?)", detail, failure);
        }
        String message = kce != null && kce.getStatus() != null && kce.getStatus().getMessage() != null
                ? kce.getStatus().getMessage() : firstLine(String.valueOf(failure.getMessage()));
        return new AgentException(ErrorCategory.CLUSTER, "cannot " + verb + " " + resource + " at " + serverUrl
                + (code > 0 ? " (" + code + ")" : "") + ": " + message, detail, failure);
    }

    static Throwable networkCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException || c instanceof NoRouteToHostException
                    || c instanceof SSLException || isTimeout(c)) {
                return c;
            }
        }
        return null;
    }

    static boolean isTimeout(Throwable c) {
        return c instanceof HttpConnectTimeoutException || c instanceof HttpTimeoutException
                || c instanceof SocketTimeoutException || c instanceof TimeoutException
                || (c instanceof InterruptedIOException && !(c instanceof java.nio.channels.ClosedByInterruptException));
    }

    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The context names of the kubeconfig ({@code kubeconfig} null: as {@link #connect}), in file order. */
    public static List<String> contextNames(Path kubeconfig, java.util.Map<String, String> env) {
        return KubeconfigFile.read(resolveKubeconfig(kubeconfig, env.get("KUBECONFIG"), System.getProperty("user.home"))).contextNames();
    }
}
