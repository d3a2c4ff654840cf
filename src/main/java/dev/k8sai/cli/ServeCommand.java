package dev.k8sai.cli;

import dev.k8sai.ExitCodes;
import dev.k8sai.server.ListenAddress;
import dev.k8sai.server.ServeSettings;
import dev.k8sai.server.ServerLauncher;
import dev.k8sai.server.auth.AuthSettings;
import dev.k8sai.server.auth.JwtVerifier;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the HTTP API (analyze, audit, agent runs, approvals) for a team; see docs/server.md.",
                "Refuses to start without authentication unless --insecure-no-auth on a loopback address."})
public final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
            description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0:8080 for every interface).")
    String listen;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Certificate chain for HTTPS (with --tls-key).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key for HTTPS.")
    Path tlsKey;

    @Option(names = "--jwt-secret-file", paramLabel = "FILE", description = "HS256 secret (32+ bytes) for bearer JWTs.")
    Path jwtSecretFile;

    @Option(names = "--jwt-secret-env", paramLabel = "VAR", description = "Environment variable holding the HS256 secret.")
    String jwtSecretEnv;

    @Option(names = "--jwks-file", paramLabel = "FILE", description = "JWKS with the RS256/ES256 keys of your token issuer.")
    Path jwksFile;

    @Option(names = "--jwks-url", paramLabel = "URL", description = "JWKS URL of your token issuer.")
    URI jwksUrl;

    @Option(names = "--oidc-issuer", paramLabel = "URL", description = "OIDC issuer: its discovery document gives the JWKS.")
    URI oidcIssuer;

    @Option(names = "--jwt-issuer", paramLabel = "ISS", description = "Required iss claim.")
    String jwtIssuer;

    @Option(names = "--jwt-audience", paramLabel = "AUD", description = "Required aud claim.")
    String jwtAudience;

    @Option(names = "--jwt-user-claim", defaultValue = "sub", description = "Claim with the user name (default ${DEFAULT-VALUE}).")
    String userClaim;

    @Option(names = "--jwt-groups-claim", defaultValue = "groups", description = "Claim with the groups (default ${DEFAULT-VALUE}).")
    String groupsClaim;

    @Option(names = "--jwt-roles-claim", defaultValue = "roles", description = "Claim with viewer/operator/admin (default ${DEFAULT-VALUE}).")
    String rolesClaim;

    @Option(names = "--users-file", paramLabel = "FILE", description = "Local users (bcrypt or argon2 hashes) for POST /api/v1/login.")
    Path usersFile;

    @Option(names = "--tokens-file", paramLabel = "FILE", description = "Static API tokens (SHA-256 hashes).")
    Path tokensFile;

    @Option(names = "--login-token-ttl", defaultValue = "PT15M", description = "Lifetime of login tokens (default 15 minutes).")
    Duration loginTtl;

    @Option(names = "--insecure-no-auth", description = "No authentication at all: only on a loopback address, for local use.")
    boolean insecureNoAuth;

    @Option(names = "--allow-writes", description = "Let operators approve changes (without it every write is refused).")
    boolean allowWrites;

    @Option(names = "--impersonate", description = "Every cluster request carries the user and groups as Kubernetes impersonation.")
    boolean impersonate;

    @Option(names = "--audit-log", paramLabel = "FILE", defaultValue = "-",
            description = "Audit log, one JSON line per request, tool command, approval and apply ('-': stdout).")
    String auditLog;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "1048576", description = "Request body cap (default 1 MiB).")
    long maxBody;

    @Option(names = "--max-runs-per-user", defaultValue = "2", description = "Concurrent runs per user (default ${DEFAULT-VALUE}).")
    int runsPerUser;

    @Option(names = "--daily-tokens-per-user", defaultValue = "200000", description = "LLM tokens per user and UTC day (default ${DEFAULT-VALUE}).")
    long dailyTokens;

    @Option(names = "--run-timeout", defaultValue = "PT10M", description = "Longest run (ISO-8601 duration, default 10 minutes).")
    Duration runTimeout;

    @Option(names = "--approval-timeout", defaultValue = "PT10M", description = "A pending approval expires (= denied) after this (default 10 minutes).")
    Duration approvalTimeout;

    @Option(names = "--watch-cache", paramLabel = "MODE", defaultValue = "lazy",
            description = "Shared informer cache for analyze/audit: lazy (start on first use, default), eager (at start), off (LIST every time).")
    ServeSettings.WatchCacheMode watchCache;

    @Override
    public Integer call() throws InterruptedException {
        GlobalOptions g = root.global();
        AuthSettings auth = new AuthSettings(jwtSecretFile, jwtSecretEnv, jwksFile, jwksUrl, oidcIssuer, jwtIssuer,
                jwtAudience, new JwtVerifier.ClaimNames(userClaim, groupsClaim, rolesClaim), usersFile, tokensFile, loginTtl);
        ServeSettings settings = new ServeSettings(ListenAddress.parse(listen), tlsCert, tlsKey, auth, insecureNoAuth,
                g.kubeconfig(), g.context(), g.config(), allowWrites && !g.readOnly(), impersonate, auditLog,
                new ServeSettings.Limits(maxBody, runsPerUser, dailyTokens, runTimeout, approvalTimeout, Duration.ofSeconds(30)),
                AuditCommand.toolVersion(), watchCache);
        ServerLauncher.Running running = ServerLauncher.launch(settings, System.getenv());
        PrintWriter err = spec.commandLine().getErr();
        err.println("k8s-ai-agent: serving on " + running.server().baseUri() + "/api/v1"
                + (insecureNoAuth ? " WITHOUT AUTHENTICATION (loopback only)" : "")
                + (settings.allowWrites() ? "; writes may be approved" : "; writes are refused"));
        err.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "serve-shutdown"));
        stopped.await();
        return ExitCodes.OK;
    }
}
