package dev.k8sai.app;

import dev.k8sai.AgentException;
import dev.k8sai.explain.ExplainOptions;
import dev.k8sai.explain.ExplainResult;
import dev.k8sai.explain.ExplanationCache;
import dev.k8sai.explain.FindingExplainer;
import dev.k8sai.llm.LlmClient;
import dev.k8sai.llm.LlmRequest;
import dev.k8sai.llm.TokenUsage;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport;
import dev.k8sai.report.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The explain use case shared by analyze and audit: which findings are worth a model's time (one
 * rule, {@link #select}), the client (resolved before the cluster is read, so a missing key fails in
 * a second), the dry-run plan, and the explanations merged back into the report. A provider failure
 * keeps the report: the findings are the product, explanations are extra.
 */
public final class ExplainFindings {

    /** At most this many findings are sent per run (each costs tokens). Documented in docs/analyze.md and docs/audit.md. */
    public static final int MAX_EXPLAINED = 20;

    /**
     * The outcome: the report with explanations filled in, the explainer's counts (null when nothing
     * was sent or it failed), how many qualifying findings were left out by the limit, notes, and the
     * failure's exit code when explaining failed (the report is still shown; 3 for the provider), else null.
     */
    public record Explained(FindingsReport report, ExplainResult stats, int chosen, int leftOut, List<String> notes,
                            Integer failureExitCode) {
        public Explained {
            notes = List.copyOf(notes);
        }

        public Explained(FindingsReport report, ExplainResult stats, int chosen, int leftOut, List<String> notes) {
            this(report, stats, chosen, leftOut, notes, null);
        }

        /** The model's tokens for the explanations (none when nothing was sent or it failed). */
        public TokenUsage usage() {
            return stats == null ? TokenUsage.NONE : stats.usage();
        }
    }

    /** A findings run with --explain around it: its result, and the explanations or (dry run) the plan; both null without --explain. */
    public record Around<T>(T result, Explained explained, DryRun dryRun) {
    }

    /**
     * Runs {@code findings} with --explain around it (analyze and audit): the client is resolved first,
     * so a missing key fails in a second rather than after a long LIST; then a dry run plans the
     * requests, otherwise the findings of {@code reportOf(result)} are explained. {@code request} null: no LLM at all.
     */
    public static <T> Around<T> around(ExplainRequest request, LlmSettings settings, Map<String, String> env,
                                       Consumer<String> usageLine, Supplier<T> findings, Function<T, FindingsReport> reportOf) {
        return around(request, settings, env, usageLine, Progress.Listener.NONE, findings, reportOf);
    }

    /** As above, telling {@code progress} when the findings are read and each explain batch is sent. */
    public static <T> Around<T> around(ExplainRequest request, LlmSettings settings, Map<String, String> env,
                                       Consumer<String> usageLine, Progress.Listener progress, Supplier<T> findings,
                                       Function<T, FindingsReport> reportOf) {
        ExplainFindings explain = request == null ? null
                : new ExplainFindings(new LlmConnector(settings, env), request, env, usageLine);
        if (explain != null) {
            explain.progress = progress;
        }
        progress.on(new Progress.ReadingCluster());
        T result = findings.get();
        if (explain == null) {
            return new Around<>(result, null, null);
        }
        if (settings.dryRun()) {
            return new Around<>(result, null, explain.plan(reportOf.apply(result)));
        }
        return new Around<>(result, explain.explain(reportOf.apply(result)), null);
    }

    private final LlmConnector llm;
    private final ExplainRequest request;
    private final Map<String, String> env;
    private final LlmClient client;
    private Progress.Listener progress = Progress.Listener.NONE;

    /** Resolves the client now (fail fast); under a dry run builds none. {@code usageLine}: see {@link LlmConnector#client}. */
    public ExplainFindings(LlmConnector llm, ExplainRequest request, Map<String, String> env, Consumer<String> usageLine) {
        this.llm = llm;
        this.request = request;
        this.env = env;
        this.client = llm.settings().dryRun() ? null : llm.client(usageLine);
    }

    /**
     * Critical and warning findings, most severe first, at most {@link #MAX_EXPLAINED}; info findings
     * only when there is nothing else (they are advice, and each costs tokens).
     */
    public static List<Finding> select(List<Finding> findings) {
        List<Finding> serious = findings.stream().filter(f -> f.severity() != Severity.INFO).toList();
        List<Finding> chosen = serious.isEmpty() ? findings : serious;
        return chosen.stream().sorted(FindingsReport.ORDER).limit(MAX_EXPLAINED).toList();
    }

    /** What a dry run shows: the requests for the selected, uncached findings. */
    public DryRun plan(FindingsReport report) {
        DryRun.Plan plan = llm.dryRunPlan();
        List<LlmRequest> requests = explainer(plan.client()).plan(select(report.findings()));
        return plan.of(requests);
    }

    public Explained explain(FindingsReport report) {
        List<Finding> chosen = select(report.findings());
        long qualifying = report.findings().stream().filter(f -> f.severity() != Severity.INFO).count();
        int leftOut = (int) Math.max(0, (qualifying == 0 ? report.findings().size() : qualifying) - chosen.size());
        List<String> notes = new ArrayList<>();
        if (chosen.isEmpty()) {
            return new Explained(report, null, 0, 0, notes);
        }
        ExplainResult result;
        try {
            result = explainer(client).onBatch((b, n) -> progress.on(new Progress.ExplainBatch(b, n))).explain(chosen);
        } catch (AgentException e) {
            notes.add("explanations unavailable: " + e.getMessage());
            return new Explained(report, null, chosen.size(), leftOut, notes, e.exitCode());
        }
        if (result.note() != null) {
            notes.add(result.note());
        }
        // Findings are records; the same finding twice is the same key, which is harmless here.
        Map<Finding, Finding> explained = new HashMap<>();
        for (int i = 0; i < chosen.size(); i++) {
            explained.put(chosen.get(i), result.findings().get(i));
        }
        List<Finding> all = report.findings().stream().map(f -> explained.getOrDefault(f, f)).toList();
        return new Explained(report.withFindings(all), result, chosen.size(), leftOut, notes);
    }

    private FindingExplainer explainer(LlmClient with) {
        Integer budget = llm.settings().maxTokens();
        return new FindingExplainer(with, ExplanationCache.defaultLocation(env),
                new ExplainOptions(llm.language(), request.useCache(), request.anonymize(), ExplainOptions.DEFAULT_BATCH),
                budget == null ? 0 : budget);
    }
}
