package dev.k8sai.server;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.cluster.WatchCache;
import dev.k8sai.mcp.WritePolicy;
import dev.k8sai.mcp.http.McpHttpRoutes;
import dev.k8sai.server.auth.AuthSetup;
import dev.k8sai.server.auth.RequestAuthenticator;
import dev.k8sai.server.http.RouteModule;
import dev.k8sai.server.limits.DailyTokens;
import dev.k8sai.server.observe.AuditLog;
import dev.k8sai.server.observe.ServerMetrics;
import dev.k8sai.server.approvals.ApprovalDesk;
import dev.k8sai.server.routes.ApprovalRoutes;
import dev.k8sai.server.routes.ClusterRoutes;
import dev.k8sai.server.generate.GeneratePlans;
import dev.k8sai.server.routes.FindingsRoutes;
import dev.k8sai.server.routes.GenerateRoutes;
import dev.k8sai.server.routes.ModelRoutes;
import dev.k8sai.server.routes.RunRoutes;
import dev.k8sai.server.runs.RunService;
import java.time.Clock;
import dev.k8sai.server.routes.LoginRoutes;
import dev.k8sai.server.routes.SystemRoutes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the server from its settings: refuses an unauthenticated server off loopback, sets up
 * authentication, the audit log, metrics and the route modules, and starts listening. {@code serve}
 * and the tests start the server the same way.
 */
public final class ServerLauncher {

    /** Helidon logs through java.util.logging; serve prints its own start line, so only warnings pass. */
    private static final java.util.logging.Logger HELIDON_LOG = java.util.logging.Logger.getLogger("io.helidon");

    private ServerLauncher() {
    }

    /** A started server and what it owns. */
    public record Running(ApiServer server, AuditLog audit, ServerMetrics metrics, ClusterProbe cluster,
                          ApprovalDesk approvals, RunService runs, GeneratePlans plans, WatchCache watchCache,
                          McpHttpRoutes mcp) implements AutoCloseable {
        /** Stops accepting requests first (graceful), then cancels what still runs and stops the informers. */
        @Override
        public void close() {
            server.close();
            runs.close();
            plans.close();
            mcp.close();
            if (watchCache != null) {
                watchCache.close();
            }
            cluster.close();
            try {
                audit.close();
            } catch (java.io.IOException e) {
                System.err.println("k8s-ai-agent: cannot close the audit log: " + e.getMessage());
            }
        }
    }

    public static Running launch(ServeSettings s, Map<String, String> env) {
        HELIDON_LOG.setLevel(java.util.logging.Level.WARNING);
        RequestAuthenticator auth = authenticator(s, env);
        if ((s.tlsCert() == null) != (s.tlsKey() == null)) {
            throw new AgentException(ExitCodes.USAGE, "--tls-cert and --tls-key go together");
        }
        AuditLog audit = AuditLog.open(s.auditLog());
        ServerMetrics metrics = new ServerMetrics();
        ClusterProbe cluster = new ClusterProbe(s.kubeconfig(), s.context(), env);
        List<RouteModule> modules = new ArrayList<>();
        modules.add(new SystemRoutes(metrics, cluster::problem));
        modules.add(new LoginRoutes(auth));
        ServerTargets targets = new ServerTargets(s.kubeconfig(), s.context(), s.configFile(), s.impersonate());
        DailyTokens tokens = new DailyTokens(s.limits().dailyTokensPerUser(), Clock.systemUTC());
        WatchCache watchCache = s.watchCache() == ServeSettings.WatchCacheMode.OFF ? null : new WatchCache(env);
        if (s.watchCache() == ServeSettings.WatchCacheMode.EAGER) {
            FindingsRoutes.prefetch(watchCache, targets);
        }
        modules.add(new FindingsRoutes(targets, env, s.version(), tokens, watchCache));
        modules.add(new ModelRoutes(targets, env));
        modules.add(new ClusterRoutes(targets, env));
        ApprovalDesk desk = new ApprovalDesk(s.allowWrites(), s.limits().approvalTimeout(), audit, metrics, Clock.systemUTC());
        RunService runs = new RunService(targets, desk, audit, metrics, env, s.limits().runsPerUser(),
                tokens, s.limits().runTimeout(), Clock.systemUTC());
        modules.add(new RunRoutes(runs));
        modules.add(new ApprovalRoutes(desk));
        GeneratePlans plans = new GeneratePlans(targets, desk, audit, metrics, tokens, env, Clock.systemUTC());
        modules.add(new GenerateRoutes(plans));
        // --read-only reaches serve as allowWrites=false (ServeCommand), so the desk and MCP refuse alike
        McpHttpRoutes mcp = new McpHttpRoutes(targets, desk, new WritePolicy(false, s.allowWrites()), tokens, env, s.version());
        modules.add(mcp);
        modules.add(new dev.k8sai.web.WebPageRoutes());
        ApiServer.Listen listen = new ApiServer.Listen(s.listen().host(), s.listen().port(), s.tlsCert(), s.tlsKey(),
                s.limits().maxBodyBytes(), s.limits().shutdownGrace());
        try {
            return new Running(ApiServer.start(listen, auth, audit, metrics, modules), audit, metrics, cluster, desk, runs, plans,
                    watchCache, mcp);
        } catch (RuntimeException e) {
            cluster.close();
            runs.close();
            plans.close();
            mcp.close();
            if (watchCache != null) {
                watchCache.close();
            }
            throw new AgentException(ExitCodes.USAGE, "cannot listen on " + s.listen().host() + ":" + s.listen().port()
                    + ": " + rootMessage(e), null, e);
        }
    }

    static RequestAuthenticator authenticator(ServeSettings s, Map<String, String> env) {
        if (s.insecureNoAuth()) {
            if (s.auth().anyConfigured()) {
                throw new AgentException(ExitCodes.USAGE, "--insecure-no-auth cannot be combined with authentication options");
            }
            if (!s.listen().loopback()) {
                throw new AgentException(ExitCodes.USAGE, "--insecure-no-auth is only allowed on a loopback address "
                        + "(--listen 127.0.0.1:PORT); anyone who can reach " + s.listen().host() + " would act with the server's rights");
            }
            return RequestAuthenticator.insecureNoAuth();
        }
        if (!s.auth().anyConfigured()) {
            throw new AgentException(ExitCodes.USAGE, "serve needs authentication: --jwt-secret-file/--jwt-secret-env, "
                    + "--jwks-file/--jwks-url/--oidc-issuer, --users-file or --tokens-file "
                    + "(or --insecure-no-auth on a loopback address, for local use only)");
        }
        return AuthSetup.build(s.auth(), env);
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
