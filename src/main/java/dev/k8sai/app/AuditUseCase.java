package dev.k8sai.app;

import dev.k8sai.AgentException;
import dev.k8sai.ErrorCategory;
import dev.k8sai.audit.AuditOptions;
import dev.k8sai.audit.AuditRequest;
import dev.k8sai.audit.AuditResult;
import dev.k8sai.audit.AuditRunner;
import dev.k8sai.audit.TrivyScanner;
import dev.k8sai.llm.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** audit: read the snapshot, audit it, optionally explain the most serious findings (notes say how). */
public final class AuditUseCase {

    /** {@code explain} null: no LLM is involved at all. */
    public record Request(AuditRequest audit, ExplainRequest explain, LlmSettings llm) {
    }

    /**
     * {@code dryRun} is set (and {@code result} is the unexplained audit) under a dry run with --explain;
     * {@code explainFailureExitCode}: the exit code of an --explain that failed (the report is still shown), else null;
     * {@code explainUsage}: the model's tokens for --explain (the server's daily budget counts them).
     */
    public record Result(AuditResult result, DryRun dryRun, Integer explainFailureExitCode, TokenUsage explainUsage) {
        public Result(AuditResult result, DryRun dryRun) {
            this(result, dryRun, null, TokenUsage.NONE);
        }
    }

    private final AuditRunner runner;
    private final Map<String, String> env;

    public AuditUseCase(AuditRunner runner, Map<String, String> env) {
        this.runner = runner;
        this.env = env;
    }

    public Result run(Request request, Consumer<String> usageLine) {
        return run(request, usageLine, Progress.Listener.NONE);
    }

    /** As above; {@code progress} hears when the cluster is read and each explain batch is sent. */
    public Result run(Request request, Consumer<String> usageLine, Progress.Listener progress) {
        requireTrivy(request.audit().options());
        var run = ExplainFindings.around(request.explain(), request.llm(), env, usageLine, progress,
                () -> runner.run(request.audit()), AuditResult::report);
        AuditResult result = run.result();
        ExplainFindings.Explained explained = run.explained();
        if (explained == null) {
            return new Result(result, run.dryRun());
        }
        List<String> notes = new ArrayList<>(result.notes());
        notes.addAll(explained.notes());
        if (explained.stats() != null) {
            notes.add("explained " + explained.chosen() + " finding(s): " + explained.stats().cacheHits() + " from cache, "
                    + explained.stats().requests() + " request(s)" + (explained.leftOut() > 0 ? "; " + explained.leftOut()
                    + " more critical/warning finding(s) not explained (limit " + ExplainFindings.MAX_EXPLAINED + ")" : ""));
        }
        return new Result(new AuditResult(explained.report(), result.workloads(), result.images(), notes), null,
                explained.failureExitCode(), explained.usage());
    }

    /** An image scan the user asked for cannot silently not happen: no trivy is a usage error, before anything is read. */
    private static void requireTrivy(AuditOptions options) {
        if (options.has(AuditOptions.Check.IMAGES) && !new TrivyScanner(options.trivy()).available()) {
            throw new AgentException(ErrorCategory.USAGE, "--scan-images needs trivy on PATH (https://trivy.dev); it was not found");
        }
    }
}
