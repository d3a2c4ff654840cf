package dev.k8sai.app;

import dev.k8sai.analyze.AnalyzeOutcome;
import dev.k8sai.analyze.AnalyzeRequest;
import dev.k8sai.analyze.AnalyzeService;
import dev.k8sai.report.FindingsReport;
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

    /** {@code usageLine}: one line per LLM round trip (null: none). */
    public Result run(Request request, Consumer<String> usageLine) {
        var run = ExplainFindings.around(request.explain(), request.llm(), env, usageLine,
                () -> service.run(request.analysis()), AnalyzeOutcome::report);
        FindingsReport report = run.explained() != null ? run.explained().report() : run.result().report();
        return new Result(run.result(), report, run.explained(), run.dryRun());
    }
}
