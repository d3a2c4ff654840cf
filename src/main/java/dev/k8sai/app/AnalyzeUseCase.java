package dev.k8sai.app;

import dev.k8sai.AgentException;
import dev.k8sai.ErrorCategory;
import dev.k8sai.analyze.AnalyzeOutcome;
import dev.k8sai.analyze.AnalyzeRequest;
import dev.k8sai.analyze.AnalyzeService;
import dev.k8sai.analyze.AnalyzeWatch;
import dev.k8sai.cluster.SnapshotRequest;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingChange;
import dev.k8sai.report.FindingsReport;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** analyze: read the snapshot, run the analyzers, optionally explain the most serious findings. */
public final class AnalyzeUseCase {

    /** {@code explain} null: no LLM is involved at all. */
    public record Request(AnalyzeRequest analysis, ExplainRequest explain, LlmSettings llm) {
    }

    /**
     * {@code report} is the outcome's report with explanations filled in; {@code explanation} is null
     * without --explain; {@code dryRun} is set (and nothing was sent) under a dry run with --explain.
     */
    public record Result(AnalyzeOutcome outcome, FindingsReport report, ExplainFindings.Explained explanation, DryRun dryRun) {
    }

    private final AnalyzeService service;
    private final Map<String, String> env;

    public AnalyzeUseCase(AnalyzeService service, Map<String, String> env) {
        this.service = service;
        this.env = env;
    }

    /**
     * --watch needs one live cluster; checked before anything is read. {@code severalContexts}: the
     * source's context names more than one ("a,b").
     */
    public static void requireWatchable(AnalyzeRequest request) {
        SnapshotRequest source = request.source();
        String context = source.target().context();
        if (!source.live() || request.allContexts() || (context != null && context.contains(","))) {
            throw new AgentException(ErrorCategory.USAGE, "--watch needs one live cluster (not -f, --all-contexts or several --context)");
        }
    }

    /**
     * analyze --watch after the first report: findings that appear or clear from {@code baseline} on go to
     * {@code changes}, notes (kinds that cannot be watched) to {@code notes}; runs until the thread is interrupted.
     */
    public void watch(AnalyzeRequest request, List<Finding> baseline, Consumer<String> notes, Consumer<FindingChange> changes) {
        requireWatchable(request);
        new AnalyzeWatch().run(request, env, baseline, notes, changes);
    }

    /** {@code usageLine}: one line per LLM round trip (null: none). */
    public Result run(Request request, Consumer<String> usageLine) {
        return run(request, usageLine, Progress.Listener.NONE);
    }

    /** As above; {@code progress} hears when the snapshot is read and each explain batch is sent. */
    public Result run(Request request, Consumer<String> usageLine, Progress.Listener progress) {
        var run = ExplainFindings.around(request.explain(), request.llm(), env, usageLine, progress,
                () -> service.run(request.analysis()), AnalyzeOutcome::report);
        FindingsReport report = run.explained() != null ? run.explained().report() : run.result().report();
        return new Result(run.result(), report, run.explained(), run.dryRun());
    }

    /** The exit code of a run that printed its report: an --explain failure's (3 for the provider), else null. */
    public static Integer explainFailureExitCode(Result result) {
        return result.explanation() == null ? null : result.explanation().failureExitCode();
    }
}
