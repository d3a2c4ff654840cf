package dev.k8sai.cli;

import dev.k8sai.CancellationToken;
import dev.k8sai.ExitCodes;
import dev.k8sai.app.DiagnoseUseCase;
import dev.k8sai.diagnose.DiagnosisFacts;
import dev.k8sai.diagnose.DiagnosisReport;
import dev.k8sai.agent.TranscriptFile;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Investigates one object: deterministic checks first (analyzers, Warning events, previous logs),
 * then a read-only agent that verifies and extends those facts and answers with a structured report.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Let an agent investigate one pod or workload and write a report (read-only).",
                "TARGET: pod/NAME, NAME (a pod), or TYPE NAME / TYPE/NAME with TYPE one of pod, deployment, "
                        + "statefulset, daemonset, job, cronjob, service, pvc, node.",
                "Example: kubectl logs payments-7c9d-x2x --previous | k8s-ai-agent diagnose -n shop pod/payments-7c9d-x2x"})
public final class DiagnoseCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "TARGET", description = "What to investigate.")
    List<String> target = new ArrayList<>();

    @Mixin
    AgentRunOptions run = new AgentRunOptions();

    /** Environment and stdin; tests replace them. Diagnose never asks: its use case refuses every change. */
    Map<String, String> env = System.getenv();
    InputStream stdin = System.in;
    boolean stdinPiped = PipedInput.stdinIsPiped();

    @Override
    public Integer call() {
        GlobalOptions global = root.global();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String context = PipedInput.collect(run.contextFiles, stdin, stdinPiped);
        DiagnoseUseCase useCase = new DiagnoseUseCase(env);
        DiagnoseUseCase.Request request = new DiagnoseUseCase.Request(target, global.target(), global.llmSettings(),
                !run.noCompaction, context);
        if (global.dryRun()) {
            DryRunPrinter.print(useCase.preview(request), out);
            return ExitCodes.OK;
        }
        // Progress on stderr from the first moment (terminal only; --verbose prints fuller steps instead); the
        // agent's steps as one line each unless --quiet.
        Spinner spinner = new Spinner(err, "connecting…", Spinner.terminalAttached() && !global.verbose());
        CancellationToken cancellation = new CancellationToken();
        DiagnoseUseCase.Result result;
        try (var ctrlC = CtrlC.cancels(cancellation)) {
            result = useCase.run(request, new NotePrintingListener(new SpinnerListener(spinner, global.verbose() ? new VerboseAgentListener(err)
                            : run.showSteps(global) ? new AgentStepsListener(spinner, () -> { }) : null), err),
                    global.usageLines(err), cancellation, ProgressView.on(spinner));
        } finally {
            spinner.stop();
        }
        if (global.verbose()) {
            DiagnosisFacts facts = result.facts();
            err.println("[diagnose] " + facts.findings().size() + " related findings, " + facts.events().size()
                    + " warning events, " + facts.logs().size() + " previous logs");
            facts.notes().forEach(n -> err.println("[diagnose] note: " + n));
            err.println("[agent] " + result.usage().summary() + ", round trips: " + result.roundTrips());
            err.flush();
        }
        if (run.transcript != null) {
            TranscriptFile.write(run.transcript, result.model(), List.of(result.run()), result.decisions());
        }
        print(result.report(), global, out);
        // The report of a run the provider cut short is shown, but the run failed (exit 3); a change the
        // model wanted is never made by diagnose, and is named (exit 4).
        result.run().earlyStopNote().ifPresent(note -> {
            err.println("k8s-ai-agent: note: " + note);
            err.flush();
        });
        RefusedChangeLines.print(result.run(), false, err);
        return result.run().exitCode();
    }

    private static void print(DiagnosisReport report, GlobalOptions global, PrintWriter out) {
        GlobalOptions.OutputFormat format = global.output() == null ? GlobalOptions.OutputFormat.text : global.output();
        if (format == GlobalOptions.OutputFormat.json || format == GlobalOptions.OutputFormat.yaml) {
            StructuredOutput.print(report, format, out);
        } else {
            out.print(TerminalText.shown(report.renderText()));
            out.flush();
        }
    }
}
