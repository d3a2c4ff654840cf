package dev.k8sai.cli;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.analyze.AnalyzeOutcome;
import dev.k8sai.analyze.AnalyzeRequest;
import dev.k8sai.analyze.AnalyzeService;
import dev.k8sai.cluster.LiveSnapshotSource.ListTiming;
import dev.k8sai.report.ReportRenderer;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
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

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Analyse a saved snapshot (kubectl get … -o yaml|json output; '-' for stdin) instead of the live cluster.")
    String file;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR",
            description = "Label selector: pods and workload controllers are listed with it; findings are kept only for objects whose labels match.")
    String selector;

    @Option(names = "--filter", paramLabel = "ANALYZER", split = ",",
            description = "Run only these analyzers (comma-separated, e.g. pod,service).")
    List<String> filters;

    @Option(names = "--exit-code", negatable = true, defaultValue = "true", fallbackValue = "true", arity = "0..1", paramLabel = "BOOL",
            description = "Exit 1 when a critical finding exists (default: ${DEFAULT-VALUE}; --no-exit-code or --exit-code=false: exit 0).")
    boolean exitCode = true;

    @Option(names = "--explain", description = "Ask the LLM to explain each finding.")
    boolean explain;

    @Option(names = "--no-cache", description = "With --explain: do not reuse cached explanations.")
    boolean noCache;

    @Option(names = "--anonymize", description = "With --explain: replace object names before they reach the LLM.")
    boolean anonymize;

    @Override
    public Integer call() {
        GlobalOptions g = root.global();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (g.output() == GlobalOptions.OutputFormat.sarif) {
            throw new AgentException(ExitCodes.USAGE, "-o sarif is for audit; analyze prints text, json or yaml");
        }
        ReportRenderer renderer = ReportRenderer.forFormat(g.output() == null ? null : g.output().name(), g.colorEnabled());
        if (file != null && g.context() != null) {
            throw new AgentException(ExitCodes.USAGE, "--context and -f/--file exclude each other: a snapshot file is not a cluster");
        }
        if (explain) {
            // Wired by the explain engineer; analysis itself does not depend on it.
            err.println("k8s-ai-agent: --explain is not available yet; showing findings without explanations");
            err.flush();
        }
        AnalyzeRequest request = new AnalyzeRequest(file, g.kubeconfig(), g.context(), g.namespace(), g.allNamespaces(),
                selector, filters);
        AnalyzeOutcome outcome = services.get().run(request);
        for (String note : outcome.notes()) {
            err.println("k8s-ai-agent: note: " + note);
        }
        if (g.verbose()) {
            printTimings(outcome, err);
        }
        err.flush();
        renderer.render(outcome.report(), out);
        out.flush();
        return exitCode && outcome.report().hasCritical() ? ExitCodes.FINDINGS : ExitCodes.OK;
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
