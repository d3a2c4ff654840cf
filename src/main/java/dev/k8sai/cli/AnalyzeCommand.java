package dev.k8sai.cli;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.analyze.AnalyzeOutcome;
import dev.k8sai.analyze.AnalyzeRequest;
import dev.k8sai.analyze.AnalyzeService;
import dev.k8sai.analyze.AnalyzeWatch;
import dev.k8sai.cluster.LiveSnapshotSource.ListTiming;
import dev.k8sai.explain.ExplainOptions;
import dev.k8sai.explain.ExplainResult;
import dev.k8sai.explain.ExplanationCache;
import dev.k8sai.explain.FindingExplainer;
import dev.k8sai.llm.LlmClient;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport;
import dev.k8sai.report.ReportRenderer;
import dev.k8sai.report.Severity;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Find what is broken in a cluster or a saved snapshot, with rule-based checks (no LLM needed).",
                "Exit status: 0 no critical finding, 1 critical findings, 2 usage or connection error."})
public final class AnalyzeCommand implements Callable<Integer> {

    /** The real registry and stdin; tests inject tiny analyzers through the package-private constructor. */
    private final Supplier<AnalyzeService> services;

    public AnalyzeCommand() {
        this(AnalyzeService::new);
    }

    AnalyzeCommand(Supplier<AnalyzeService> services) {
        this.services = services;
    }

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    FindingsCommandOptions source = new FindingsCommandOptions();

    @Option(names = "--filter", paramLabel = "ANALYZER", split = ",",
            description = "Run only these analyzers (comma-separated, e.g. pod,service).")
    List<String> filters;

    @Option(names = "--skip-crd-group", paramLabel = "GROUP", split = ",",
            description = "Leave custom resources of these API groups out of the generic conditions check (e.g. argoproj.io).")
    List<String> skipCrdGroups;

    @Option(names = "--all-contexts", description = "Analyze every context of the kubeconfig in parallel (--context a,b names several).")
    boolean allContexts;

    @Option(names = "--watch", description = "After the report, keep watching and print findings that appear or clear, until interrupted.")
    boolean watch;


    /** At most this many findings are sent to the LLM per run (the most severe first). */
    static final int MAX_EXPLAINED = 30;

    /** The environment for LLM settings and the explanation cache; tests replace it. */
    Map<String, String> env = System.getenv();

    /** Exit code of an --explain that failed (the report is still printed), or null. */
    private Integer explainFailure;

    @Override
    public Integer call() {
        GlobalOptions g = root.global();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (g.output() == GlobalOptions.OutputFormat.sarif) {
            throw new AgentException(ExitCodes.USAGE, "-o sarif is for audit; analyze prints text, json or yaml");
        }
        ReportRenderer renderer = ReportRenderer.forFormat(g.output() == null ? null : g.output().name(), g.colorEnabled());
        source.validate(g);
        if (watch && (source.file != null || allContexts || (g.context() != null && g.context().contains(",")))) {
            throw new AgentException(ExitCodes.USAGE, "--watch needs one live cluster (not -f, --all-contexts or several --context)");
        }
        LlmConnector connector = source.explain ? new LlmConnector(g, env) : null;
        // Fail fast, before reading the cluster, when --explain cannot reach a model; a dry run needs none.
        LlmClient client = source.explain && !g.dryRun() ? connector.client(err) : null;
        AnalyzeRequest request = new AnalyzeRequest(source.file, g.kubeconfig(), g.context(), g.namespace(), g.allNamespaces(),
                source.selector, filters, skipCrdGroups, allContexts);
        AnalyzeOutcome outcome = services.get().run(request);
        for (String note : outcome.notes()) {
            err.println("k8s-ai-agent: note: " + note);
        }
        if (g.verbose()) {
            outcome.details().forEach(d -> err.println("k8s-ai-agent: " + d));
            printTimings(outcome, err);
        }
        err.flush();
        FindingsReport report = outcome.report();
        if (source.explain) {
            List<Finding> chosen = toExplain(report.findings());
            if (g.dryRun()) {
                // No client is built: --dry-run must work without a key and send nothing.
                FindingExplainer planner = new FindingExplainer(LlmConnector.previewClient(connector.profileForPreview()),
                        ExplanationCache.defaultLocation(env), options(connector));
                LlmConnector.preview(planner.plan(chosen), connector.profileForPreview(), out);
                return ExitCodes.OK;
            }
            report = explain(report, chosen, client, connector, err, g);
        }
        renderer.render(report, out);
        out.flush();
        if (watch) {
            boolean json = g.output() == GlobalOptions.OutputFormat.json;
            new AnalyzeWatch().run(request, report.findings(), note -> {
                err.println("k8s-ai-agent: note: " + note);
                err.flush();
            }, change -> {
                out.println(json ? change.toJsonLine() : change.toText());
                out.flush();
            });
        }
        return explainFailure != null ? explainFailure : source.exitCode(report.hasCritical());
    }

    private ExplainOptions options(LlmConnector connector) {
        return source.explainOptions(connector.language());
    }

    /**
     * Critical and warning findings, most severe first, at most {@link #MAX_EXPLAINED}; info findings
     * only when there is nothing else (they are advice, and each costs tokens).
     */
    static List<Finding> toExplain(List<Finding> findings) {
        List<Finding> serious = findings.stream().filter(f -> f.severity() != Severity.INFO).toList();
        List<Finding> chosen = serious.isEmpty() ? findings : serious;
        return chosen.stream().sorted(FindingsReport.ORDER).limit(MAX_EXPLAINED).toList();
    }

    private FindingsReport explain(FindingsReport report, List<Finding> chosen, LlmClient client, LlmConnector connector,
                                   PrintWriter err, GlobalOptions g) {
        if (chosen.isEmpty()) {
            return report;
        }
        boolean verbose = g.verbose();
        FindingExplainer explainer = new FindingExplainer(client, ExplanationCache.defaultLocation(env), options(connector),
                g.maxTokens() == null ? 0 : g.maxTokens());
        ExplainResult result;
        try {
            result = explainer.explain(chosen);
        } catch (AgentException e) {
            // The findings are the product; explanations are extra. A provider failure after retries
            // keeps the report, as audit does, but the run exits with the failure's code (3 for the provider).
            err.println("k8s-ai-agent: note: explanations unavailable: " + e.getMessage());
            err.flush();
            explainFailure = e.exitCode();
            return report;
        }
        if (result.note() != null) {
            err.println("k8s-ai-agent: note: " + result.note());
            err.flush();
        }
        // Findings are records; the same finding twice is the same key, which is harmless here.
        Map<Finding, Finding> explained = new HashMap<>();
        for (int i = 0; i < chosen.size(); i++) {
            explained.put(chosen.get(i), result.findings().get(i));
        }
        if (verbose) {
            err.printf("k8s-ai-agent: explain: %d finding(s), %d from cache, %d request(s), %d value(s) redacted%n",
                    chosen.size(), result.cacheHits(), result.requests(), result.redactions());
            err.flush();
        }
        int skipped = report.findings().size() - chosen.size();
        if (skipped > 0 && chosen.size() == MAX_EXPLAINED) {
            err.println("k8s-ai-agent: note: explained the " + MAX_EXPLAINED + " most severe findings; "
                    + skipped + " other(s) left unexplained");
            err.flush();
        }
        List<Finding> all = report.findings().stream().map(f -> explained.getOrDefault(f, f)).toList();
        return report.withFindings(all);
    }

    private static void printTimings(AnalyzeOutcome outcome, PrintWriter err) {
        long listTotal = 0;
        for (ListTiming t : outcome.listTimings()) {
            err.printf("k8s-ai-agent: LIST %-28s %6d objects %3d pages %6d ms%n",
                    t.kind(), t.objects(), t.pages(), t.elapsed().toMillis());
            listTotal = Math.max(listTotal, t.elapsed().toMillis());
        }
        err.printf("k8s-ai-agent: read %d ms%s, analyze %d ms, %d findings%n",
                outcome.readTime().toMillis(),
                outcome.listTimings().isEmpty() ? "" : " (slowest LIST " + listTotal + " ms)",
                outcome.analyzeTime().toMillis(), outcome.report().findings().size());
    }
}
