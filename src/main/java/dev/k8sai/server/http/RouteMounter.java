package dev.k8sai.server.http;

import dev.k8sai.AgentException;
import dev.k8sai.ErrorCategory;
import dev.k8sai.ExitCodes;
import dev.k8sai.cluster.ClusterFailure;
import dev.k8sai.server.auth.AuthenticatedUser;
import dev.k8sai.server.auth.AuthenticationFailed;
import dev.k8sai.server.auth.RequestAuthenticator;
import dev.k8sai.server.observe.AuditLog;
import dev.k8sai.server.observe.ServerMetrics;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Mounts the {@link RouteTable} on Helidon's routing, wrapping every handler the same way:
 * authenticate (401), check the role (403), run, map failures to a status with a JSON error, then one
 * audit line and one metrics sample. Probes and metrics are not audited (a kubelet calls them every few
 * seconds), nor the web page's files when they are served.
 */
public final class RouteMounter {

    private static final Set<String> UNAUDITED = Set.of("/healthz", "/readyz", "/metrics");
    /** The web page's static files: every page load fetches them; only a failure (a 404 probe) is worth a line. */
    private static final Set<String> UNAUDITED_WHEN_OK = Set.of("/", "/web/{file}");

    private final RequestAuthenticator auth;
    private final AuditLog audit;
    private final ServerMetrics metrics;

    public RouteMounter(RequestAuthenticator auth, AuditLog audit, ServerMetrics metrics) {
        this.auth = auth;
        this.audit = audit;
        this.metrics = metrics;
    }

    public void mount(RouteTable table, HttpRouting.Builder routing) {
        for (Route route : table.routes()) {
            routing.route(Method.create(route.method()), route.path(), wrap(route));
        }
    }

    private Handler wrap(Route route) {
        return (req, res) -> {
            long start = System.nanoTime();
            AuthenticatedUser user = null;
            ApiCall call = null;
            String failure = null;
            int status;
            try {
                if (!route.isPublic()) {
                    user = auth.authenticate(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null));
                }
                call = new ApiCall(req, res, user);
                if (!route.isPublic()) {
                    call.require(route.requires());
                }
                route.handler().handle(call);
                status = res.status().code();
            } catch (AuthenticationFailed e) {
                status = 401;
                failure = e.getMessage();
                res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
                error(res, status, "authentication required");
            } catch (ApiException e) {
                status = e.status();
                failure = e.getMessage();
                error(res, status, e.getMessage());
            } catch (AgentException e) {
                status = statusOf(e);
                failure = e.getMessage();
                error(res, status, e.getMessage());
            } catch (Exception | Error e) {
                status = 500;
                failure = "internal error: " + e.getClass().getSimpleName();
                error(res, status, "internal error");
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            metrics.request(route.method(), route.path(), status, elapsed);
            if (!UNAUDITED.contains(route.path()) && !(UNAUDITED_WHEN_OK.contains(route.path()) && status < 400)) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("method", route.method());
                line.put("path", req.path().path());
                line.put("status", status);
                line.put("durationMs", elapsed.toMillis());
                if (call != null) {
                    line.putAll(call.auditFields());
                }
                if (failure != null) {
                    line.put("error", failure);
                }
                audit.record(AuditLog.Type.REQUEST, user, line);
            }
        };
    }

    /**
     * The HTTP status of a failure the use cases raise (their exit code's meaning). The server is the
     * client's gateway to the cluster: a cluster it cannot use is 502 (unreachable, refused, TLS, its
     * credentials rejected), one that does not answer in time 504, and an RBAC refusal stays 403.
     */
    static int statusOf(AgentException e) {
        if (e.category() == ErrorCategory.CLUSTER) {
            return switch (ClusterFailure.of(e)) {
                case FORBIDDEN -> 403;
                case TIMED_OUT -> 504;
                case FAILED -> ErrorCategory.CLUSTER.httpStatus();
            };
        }
        return switch (e.exitCode()) {
            case ExitCodes.USAGE -> 400;
            case ExitCodes.LLM -> 502;
            case ExitCodes.REFUSED -> 409;
            default -> 500;
        };
    }

    private static void error(ServerResponse res, int status, String message) {
        if (res.isSent()) {
            return;   // a stream already started: the failure travels as an event instead
        }
        try {
            res.status(status);
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(ApiCall.WRITER.writeValueAsBytes(Map.of("error", Map.of("status", status, "message", message))));
        } catch (Exception e) {
            // the client went away; nothing left to tell it
        }
    }
}
