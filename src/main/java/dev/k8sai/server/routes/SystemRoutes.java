package dev.k8sai.server.routes;

import dev.k8sai.server.http.ApiCall;
import dev.k8sai.server.http.RouteModule;
import dev.k8sai.server.http.RouteTable;
import dev.k8sai.server.observe.ServerMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Health, readiness (the cluster answers), Prometheus metrics and the OpenAPI document. All public:
 * probes and scrapers carry no credentials, and none of these reveals cluster data.
 */
public final class SystemRoutes implements RouteModule {

    private final ServerMetrics metrics;
    private final Supplier<Optional<String>> clusterProblem;
    private final byte[] openApi;

    /** {@code clusterProblem}: empty when the cluster answers, else why not (one line). */
    public SystemRoutes(ServerMetrics metrics, Supplier<Optional<String>> clusterProblem) {
        this.metrics = metrics;
        this.clusterProblem = clusterProblem;
        this.openApi = openApiDocument();
    }

    @Override
    public void register(RouteTable routes) {
        routes.publicGet("/healthz", call -> call.json(200, Map.of("status", "ok")));
        routes.publicGet("/readyz", this::ready);
        routes.publicGet("/metrics", call -> call.send(200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        routes.publicGet("/api/v1/openapi.json", call -> call.send(200, "application/json", openApi));
    }

    private void ready(ApiCall call) {
        Optional<String> problem = clusterProblem.get();
        if (problem.isPresent()) {
            call.json(503, Map.of("status", "unavailable", "cluster", problem.get()));
        } else {
            call.json(200, Map.of("status", "ready"));
        }
    }

    /** The hand-written document (a test checks it against the registered routes both ways). */
    public static byte[] openApiDocument() {
        try (InputStream in = SystemRoutes.class.getResourceAsStream("/dev/k8sai/server/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
