package dev.k8sai.server.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The server's Prometheus metrics (Micrometer): requests by route and status, run durations, LLM
 * tokens and errors by provider, approval decisions. Labels never hold user names or free text, so the
 * number of series stays bounded.
 */
public final class ServerMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public void request(String method, String route, int status, Duration elapsed) {
        Timer.builder("k8sai.http.requests").description("HTTP requests by route and status")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .register(registry).record(elapsed);
    }

    public void run(String kind, String outcome, Duration elapsed) {
        Timer.builder("k8sai.runs").description("agent runs by kind and outcome")
                .tag("kind", kind).tag("outcome", outcome).register(registry).record(elapsed);
    }

    public void tokens(String provider, long tokens) {
        Counter.builder("k8sai.llm.tokens").description("LLM tokens used, by provider")
                .tag("provider", provider).register(registry).increment(tokens);
    }

    public void llmError(String provider) {
        Counter.builder("k8sai.llm.errors").description("LLM provider failures, by provider")
                .tag("provider", provider).register(registry).increment();
    }

    public void approval(String decision) {
        Counter.builder("k8sai.approvals").description("approval decisions (approved, denied, expired)")
                .tag("decision", decision).register(registry).increment();
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }
}
