package dev.k8sai.server;

import dev.k8sai.server.auth.RequestAuthenticator;
import dev.k8sai.server.http.Route;
import dev.k8sai.server.http.RouteModule;
import dev.k8sai.server.http.RouteMounter;
import dev.k8sai.server.http.RouteTable;
import dev.k8sai.server.observe.AuditLog;
import dev.k8sai.server.observe.ServerMetrics;
import io.helidon.common.configurable.Resource;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The HTTP server: Helidon SE's WebServer (a virtual thread per request, so handlers block freely on the
 * cluster and the model) with the route modules mounted behind one authentication/audit/metrics wrapper.
 */
public final class ApiServer implements AutoCloseable {

    /** Where and how to listen. */
    public record Listen(String host, int port, Path tlsCert, Path tlsKey, long maxBodyBytes, Duration shutdownGrace) {
        public boolean tls() {
            return tlsCert != null;
        }
    }

    private final WebServer server;
    private final List<Route> routes;
    private final Listen listen;

    private ApiServer(WebServer server, List<Route> routes, Listen listen) {
        this.server = server;
        this.routes = routes;
        this.listen = listen;
    }

    public static ApiServer start(Listen listen, RequestAuthenticator auth, AuditLog audit, ServerMetrics metrics,
                                  List<RouteModule> modules) {
        RouteTable table = new RouteTable();
        modules.forEach(m -> m.register(table));
        RouteMounter mounter = new RouteMounter(auth, audit, metrics);
        WebServerConfig.Builder builder = WebServer.builder()
                .host(listen.host())
                .port(listen.port())
                .maxPayloadSize(listen.maxBodyBytes())
                .shutdownGracePeriod(listen.shutdownGrace())
                .routing(routing -> mounter.mount(table, routing));
        if (listen.tls()) {
            builder.tls(tls -> tls
                    .privateKey(keys -> keys.pem(pem -> pem.key(Resource.create(listen.tlsKey()))))
                    .privateKeyCertChain(keys -> keys.pem(pem -> pem.certChain(Resource.create(listen.tlsCert())))));
        }
        return new ApiServer(builder.build().start(), table.routes(), listen);
    }

    public int port() {
        return server.port();
    }

    public URI baseUri() {
        String host = listen.host().contains(":") ? "[" + listen.host() + "]" : listen.host();
        return URI.create((listen.tls() ? "https" : "http") + "://" + host + ":" + port());
    }

    /** The routes as registered (the OpenAPI document is checked against these). */
    public List<Route> routes() {
        return routes;
    }

    /** Graceful: stops accepting, lets running requests finish within the grace period. */
    @Override
    public void close() {
        server.stop();
    }
}
