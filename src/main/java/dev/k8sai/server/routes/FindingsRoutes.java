package dev.k8sai.server.routes;

import dev.k8sai.analyze.AnalyzeRequest;
import dev.k8sai.analyze.AnalyzeService;
import dev.k8sai.app.AnalyzeUseCase;
import dev.k8sai.app.AuditUseCase;
import dev.k8sai.app.ExplainFindings;
import dev.k8sai.app.ExplainRequest;
import dev.k8sai.app.LlmConnector;
import dev.k8sai.app.LlmSettings;
import dev.k8sai.audit.AuditOptions;
import dev.k8sai.audit.AuditRenderer;
import dev.k8sai.audit.AuditRequest;
import dev.k8sai.audit.AuditResult;
import dev.k8sai.audit.AuditRunner;
import dev.k8sai.audit.AuditService;
import dev.k8sai.audit.PssLevel;
import dev.k8sai.audit.SarifRenderer;
import dev.k8sai.analyze.Analyzers;
import dev.k8sai.cluster.ClusterTarget;
import dev.k8sai.cluster.SnapshotOrigin;
import dev.k8sai.cluster.SnapshotReader;
import dev.k8sai.cluster.WatchCache;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import dev.k8sai.cluster.SnapshotRequest;
import dev.k8sai.llm.TokenUsage;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport;
import dev.k8sai.report.ReportRenderer;
import dev.k8sai.server.ServerTargets;
import dev.k8sai.server.auth.Role;
import dev.k8sai.server.http.ApiCall;
import dev.k8sai.server.http.ApiException;
import dev.k8sai.server.http.RouteModule;
import dev.k8sai.server.http.RouteTable;
import dev.k8sai.server.limits.DailyTokens;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/analyze} and {@code POST /api/v1/audit}: the CLI's options as JSON in, the CLI's
 * JSON out (the findings document of the spec; audit also SARIF), through the same use cases.
 */
public final class FindingsRoutes implements RouteModule {

    /** analyze's options. The server never reads a snapshot file (-f): only its cluster. */
    public record AnalyzeBody(String namespace, Boolean allNamespaces, String labelSelector, List<String> filters,
                              Boolean explain, Boolean anonymize, String profile, String model, String language) {
    }

    /** audit's options; {@code format}: json (default) or sarif. Image scanning stays a CLI feature. */
    public record AuditBody(String namespace, Boolean allNamespaces, String labelSelector, String level, String format,
                            Boolean explain, Boolean anonymize, String profile, String model, String language) {
    }

    /** Which findings to explain: the keys of findings from an analyze answer. */
    public record FindingKey(String analyzer, String kind, String namespace, String name, String reason) {
        boolean matches(Finding f) {
            return f.analyzer().equals(analyzer) && f.kind().equals(kind) && java.util.Objects.equals(f.namespace(), namespace)
                    && f.name().equals(name) && f.reason().equals(reason);
        }
    }

    /** explain's options: analyze's scope, the chosen findings, the model. */
    public record ExplainBody(String namespace, Boolean allNamespaces, String labelSelector, List<FindingKey> findings,
                              Boolean anonymize, String profile, String model, String language) {
    }

    /** The response header saying where the snapshot came from and how fresh it is (see {@link SnapshotOrigin#header}). */
    public static final String SNAPSHOT_HEADER = "X-K8sai-Snapshot";

    private final ServerTargets targets;
    private final Map<String, String> env;
    private final String toolVersion;
    private final DailyTokens tokens;
    private final WatchCache watchCache;
    private final SharedResults shared;

    /** {@code watchCache} null: every request LISTs. */
    public FindingsRoutes(ServerTargets targets, Map<String, String> env, String toolVersion, DailyTokens tokens,
                          WatchCache watchCache) {
        this.targets = targets;
        this.tokens = tokens;
        this.env = env;
        this.toolVersion = toolVersion;
        this.watchCache = watchCache;
        this.shared = watchCache == null ? null : new SharedResults(watchCache, java.time.Clock.systemUTC());
    }

    /**
     * serve --watch-cache=eager: starts, in the background, the informers of every kind analyze (all
     * analyzers, all custom kinds) and a default audit read, as the server's own identity.
     */
    public static void prefetch(WatchCache cache, ServerTargets targets) {
        ClusterTarget target = new ClusterTarget(targets.kubeconfig(), targets.context(), null, true);
        Set<Class<? extends HasMetadata>> kinds = new LinkedHashSet<>(Analyzers.needs(Analyzers.all()));
        kinds.addAll(AuditService.needs(AuditOptions.defaults()));
        Thread.ofVirtual().name("watch-cache-prefetch").start(() -> {
            try {
                cache.prefetch(target, kinds, Analyzers.customKinds(Analyzers.all(), List.of()));
            } catch (RuntimeException e) {
                // the first request starts what is missing, and reports a cluster it cannot reach
                System.err.println("k8s-ai-agent: watch cache not filled at start: " + e.getMessage());
            }
        });
    }

    @Override
    public void register(RouteTable routes) {
        routes.post("/api/v1/analyze", Role.VIEWER, this::analyze);
        routes.post("/api/v1/audit", Role.VIEWER, this::audit);
        routes.post("/api/v1/explain", Role.VIEWER, this::explain);
    }

    /**
     * Explains chosen findings on demand. The findings are found again by analyzing the cluster, never taken
     * from the request: what reaches the model is the analyzers' own redacted text, as with analyze --explain.
     */
    private void explain(ApiCall call) {
        ExplainBody b = call.body(ExplainBody.class);
        if (b.findings() == null || b.findings().isEmpty()) {
            throw ApiException.badRequest("name the findings to explain (analyzer, kind, namespace, name, reason)");
        }
        call.audit("operation", "explain").audit("namespace", all(b.allNamespaces()) ? "*" : b.namespace())
                .audit("model", b.model()).audit("profile", b.profile());
        SnapshotRequest source = new SnapshotRequest(null,
                targets.forUser(call.user(), b.namespace(), all(b.allNamespaces())), b.labelSelector());
        FindingsReport report = new AnalyzeUseCase(new AnalyzeService(reader(new AtomicReference<>())), env).run(
                new AnalyzeUseCase.Request(new AnalyzeRequest(source, null), null, null), null).report();
        List<Finding> chosen = report.findings().stream().filter(f -> b.findings().stream().anyMatch(k -> k.matches(f))).toList();
        if (chosen.isEmpty()) {
            throw ApiException.notFound("none of those findings is reported any more");
        }
        ExplainFindings.Explained explained = new ExplainFindings(
                new LlmConnector(llm(call, true, b.profile(), b.model(), b.language()), env),
                explain(true, b.anonymize()), env, null).explain(report.withFindings(chosen));
        charge(call, explained.usage());
        if (explained.failureExitCode() != null) {
            throw new ApiException(502, String.join("; ", explained.notes()));
        }
        call.audit("findings", chosen.size());
        notes(call, explained.notes());
        call.json(200, Map.of("findings", explained.report().findings()));
    }

    private void analyze(ApiCall call) {
        AnalyzeBody b = call.body(AnalyzeBody.class);
        call.audit("operation", "analyze").audit("namespace", all(b.allNamespaces()) ? "*" : b.namespace());
        ClusterTarget target = targets.forUser(call.user(), b.namespace(), all(b.allNamespaces()));
        SnapshotRequest source = new SnapshotRequest(null, target, b.labelSelector());
        respond(call, target, b.explain(), List.of("analyze", target.toString(), String.valueOf(b.labelSelector()),
                String.valueOf(b.filters())), () -> {
            AtomicReference<SnapshotOrigin> origin = new AtomicReference<>();
            AnalyzeUseCase.Result result = new AnalyzeUseCase(new AnalyzeService(reader(origin)), env).run(
                    new AnalyzeUseCase.Request(new AnalyzeRequest(source, b.filters()), explain(b.explain(), b.anonymize()),
                            llm(call, b.explain(), b.profile(), b.model(), b.language())), null);
            charge(call, result.explanation() == null ? TokenUsage.NONE : result.explanation().usage());
            java.io.StringWriter json = new java.io.StringWriter();
            ReportRenderer.forFormat("json", false).render(result.report(), new java.io.PrintWriter(json));
            return new SharedResults.Answer("application/json", json.toString().getBytes(StandardCharsets.UTF_8),
                    result.outcome().notes(), origin.get(), result.report().findings().size());
        });
    }

    private void audit(ApiCall call) {
        AuditBody b = call.body(AuditBody.class);
        String format = b.format() == null ? "json" : b.format();
        if (!format.equals("json") && !format.equals("sarif")) {
            throw ApiException.badRequest("format must be json or sarif");
        }
        AuditOptions options = AuditOptions.defaults();
        if (b.level() != null) {
            try {
                options = options.withLevel(PssLevel.parse(b.level()));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        call.audit("operation", "audit").audit("namespace", all(b.allNamespaces()) ? "*" : b.namespace());
        ClusterTarget target = targets.forUser(call.user(), b.namespace(), all(b.allNamespaces()));
        SnapshotRequest source = new SnapshotRequest(null, target, b.labelSelector());
        AuditOptions chosen = options;
        respond(call, target, b.explain(), List.of("audit", target.toString(), String.valueOf(b.labelSelector()),
                String.valueOf(b.level()), format), () -> {
            AtomicReference<SnapshotOrigin> origin = new AtomicReference<>();
            AuditUseCase.Result run = new AuditUseCase(new AuditRunner(new AuditService(), reader(origin)), env).run(
                    new AuditUseCase.Request(new AuditRequest(source, chosen), explain(b.explain(), b.anonymize()),
                            llm(call, b.explain(), b.profile(), b.model(), b.language())), null);
            charge(call, run.explainUsage());
            AuditResult result = run.result();
            String body = format.equals("sarif") ? SarifRenderer.render(result, toolVersion) : AuditRenderer.json(result);
            return new SharedResults.Answer(format.equals("sarif") ? "application/sarif+json" : "application/json",
                    body.getBytes(StandardCharsets.UTF_8), result.notes(), origin.get(), result.report().findings().size());
        });
    }

    /** The model settings; with explain capped at the user's tokens left today (429 when none are). */
    private LlmSettings llm(ApiCall call, Boolean explain, String profile, String model, String language) {
        Integer cap = Boolean.TRUE.equals(explain) ? tokens.capFor(call.user().name()) : null;
        return targets.llm(profile, model, language, cap);
    }

    /** Explanations draw on the same daily budget as runs and generate. */
    private void charge(ApiCall call, TokenUsage usage) {
        tokens.charge(call.user().name(), usage.total());
        call.audit("tokens", usage.total());
    }

    /**
     * Computes the answer, or shares it with identical requests ({@code key}) while the watch cache is
     * unchanged: only for the server's own identity and without --explain (a model call is per request).
     */
    private void respond(ApiCall call, ClusterTarget target, Boolean explain, List<String> key,
                         Supplier<SharedResults.Answer> compute) {
        SharedResults.Answer answer = shared != null && WatchCache.serves(target) && !Boolean.TRUE.equals(explain)
                ? shared.get(String.join("\u0000", key), compute) : compute.get();
        call.audit("findings", answer.findings());
        notes(call, answer.notes());
        freshness(call, answer.origin());
        call.send(200, answer.contentType(), answer.body());
    }

    /**
     * The server has no stdin to read a snapshot from; live snapshots come from the watch cache when it
     * may answer (the server's own identity), and {@code origin} learns which.
     */
    private SnapshotReader reader(AtomicReference<SnapshotOrigin> origin) {
        return new SnapshotReader(env, InputStream.nullInputStream(), watchCache, origin::set);
    }

    /**
     * Freshness goes in a header, not the body: the body stays exactly the CLI's findings document.
     * The audit log notes the source too.
     */
    private static void freshness(ApiCall call, SnapshotOrigin origin) {
        if (origin != null) {
            call.response().header(SNAPSHOT_HEADER, origin.header(Instant.now()));
            call.audit("snapshot", origin.source());
        }
    }

    private static ExplainRequest explain(Boolean explain, Boolean anonymize) {
        return Boolean.TRUE.equals(explain) ? new ExplainRequest(true, Boolean.TRUE.equals(anonymize)) : null;
    }

    /** The CLI prints notes on stderr; the server sends them as one header (skipped kinds, failed analyzers). */
    private static void notes(ApiCall call, List<String> notes) {
        if (!notes.isEmpty()) {
            call.response().header("X-K8sai-Notes", String.join("; ", notes).replaceAll("[\\r\\n]+", " "));
        }
    }

    private static boolean all(Boolean allNamespaces) {
        return Boolean.TRUE.equals(allNamespaces);
    }
}
