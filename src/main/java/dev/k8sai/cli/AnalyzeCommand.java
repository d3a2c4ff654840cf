package dev.k8sai.cli;

import dev.k8sai.ExitCodes;
import dev.k8sai.analyze.AnalyzeOutcome;
import dev.k8sai.app.AnalyzeUseCase;
import dev.k8sai.app.ExplainFindings;
import dev.k8sai.cluster.SnapshotReader;
import dev.k8sai.analyze.AnalyzeRequest;
import dev.k8sai.analyze.AnalyzeService;
import dev.k8sai.cluster.LiveSnapshotSource.ListTiming;
import dev.k8sai.explain.ExplainResult;
import dev.k8sai.report.ReportRenderer;
import java.io.PrintWriter;
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

    /** The real registry, reading the snapshot with this command's environment and stdin; tests inject tiny analyzers. */
    private final Supplier<AnalyzeService> services;

    public AnalyzeCommand() {
        this.services = () -> new AnalyzeService(new SnapshotReader(env, stdin));
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


    /** The environment for LLM settings and the explanation cache; tests replace it. */
    Map<String, String> env = System.getenv();
    /** What "-f -" reads; tests replace it. */
    java.io.InputStream stdin = System.in;
    /** Whether stdin is a terminal ("-f -" then says it is waiting); tests replace it. */
    boolean stdinTerminal = PipedInput.stdinIsTerminal();

    @Override
    public Integer call() {
        GlobalOptions g = root.global();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReportRenderer renderer = ReportRenderer.forFormat(g.output() == null ? null : g.output().name(), g.colorEnabled());
        source.validate(g);
        AnalyzeRequest request = new AnalyzeRequest(source.snapshot(g), filters, skipCrdGroups, allContexts);
        if (watch) {
            AnalyzeUseCase.requireWatchable(request);
        }
        source.announceStdin(stdinTerminal, err);
        AnalyzeUseCase useCase = new AnalyzeUseCase(services.get(), env);
        AnalyzeUseCase.Result result;
        // Progress only where a person waits on a model: --explain (reading alone takes a second or two).
        try (Spinner spinner = new Spinner(err, "reading the cluster…", source.explainRequest() != null && Spinner.terminalAttached())) {
            result = useCase.run(new AnalyzeUseCase.Request(request, source.explainRequest(), g.llmSettings()),
                    g.usageLines(err), ProgressView.on(spinner));
        }
        AnalyzeOutcome outcome = result.outcome();
        for (String note : outcome.notes()) {
            err.println(FindingsCommandOptions.noteLine(note));
        }
        if (g.verbose()) {
            outcome.details().forEach(d -> err.println("k8s-ai-agent: " + d));
            printTimings(outcome, err);
        }
        err.flush();
        if (result.dryRun() != null) {
            DryRunPrinter.print(result.dryRun(), out);
            return ExitCodes.OK;
        }
        if (result.explanation() != null) {
            printExplainNotes(result.explanation(), g.verbose(), err);
        }
        renderer.render(result.report(), out);
        out.flush();
        if (watch) {
            boolean json = g.output() == GlobalOptions.OutputFormat.json;
            useCase.watch(request, result.report().findings(), note -> {
                err.println("k8s-ai-agent: note: " + note);
                err.flush();
            }, change -> {
                out.println(json ? change.toJsonLine() : change.toText());
                out.flush();
            });
        }
        Integer explainFailure = AnalyzeUseCase.explainFailureExitCode(result);
        return explainFailure != null ? explainFailure : source.exitCode(result.report().hasCritical());
    }

    private static void printExplainNotes(ExplainFindings.Explained explained, boolean verbose, PrintWriter err) {
        for (String note : explained.notes()) {
            err.println("k8s-ai-agent: note: " + note);
        }
        ExplainResult stats = explained.stats();
        if (stats == null) {
            err.flush();
            return;
        }
        if (verbose) {
            err.printf("k8s-ai-agent: explain: %d finding(s), %d from cache, %d request(s), %d value(s) redacted%n",
                    explained.chosen(), stats.cacheHits(), stats.requests(), stats.redactions());
        }
        if (explained.leftOut() > 0) {
            err.println("k8s-ai-agent: note: explained the " + explained.chosen() + " most severe findings; "
                    + explained.leftOut() + " other(s) left unexplained");
        }
        err.flush();
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
