package dev.k8sai.cli;

import dev.k8sai.AgentException;
import dev.k8sai.CancellationToken;
import dev.k8sai.ExitCodes;
import dev.k8sai.app.AgentAnswer;
import dev.k8sai.app.AgentRun;
import dev.k8sai.app.ExecuteUseCase;
import dev.k8sai.agent.AgentResult;
import dev.k8sai.agent.TranscriptEntry;
import dev.k8sai.agent.TranscriptFile;
import dev.k8sai.llm.LlmException;
import dev.k8sai.tools.Approver;
import dev.k8sai.tools.Confirmer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "execute", mixinStandardHelpOptions = true,
        description = {"Carry out a natural-language instruction with kubectl and friends, asking before any change.",
                "Example: k8s-ai-agent execute -n shop \"list pod memory limits as CSV\""})
public final class ExecuteCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "INSTRUCTION", description = "What to do, in plain words.")
    List<String> instruction = new ArrayList<>();

    @Option(names = {"-i", "--interactive"}, description = "Keep a conversation: ask follow-ups until 'exit' or end of input.")
    boolean interactive;

    @Mixin
    AgentRunOptions run = new AgentRunOptions();

    /** Environment, stdin and the confirmation source; tests replace them. */
    Map<String, String> env = System.getenv();
    InputStream stdin = System.in;
    boolean stdinPiped = PipedInput.stdinIsPiped();
    Confirmer confirmer = TerminalConfirmer.console();

    /** The run's token: Ctrl-C during a question cancels it (the command then ends with exit 130). */
    private CancellationToken cancellation;
    /** A question of an interactive session failed at the provider: the session ends with exit 3. */
    private boolean providerFailed;
    /** The answer printer of the question being asked: a --verbose line first ends its line. */
    private StreamingAnswerPrinter printing;

    @Override
    public Integer call() {
        GlobalOptions global = root.global();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String question = String.join(" ", instruction).strip();
        if (global.output() == GlobalOptions.OutputFormat.sarif) {
            throw new AgentException(ExitCodes.USAGE, "execute writes -o text, json or yaml; sarif is for audit");
        }
        if (question.isEmpty() && !interactive) {
            throw new AgentException(ExitCodes.USAGE, "execute needs an instruction, e.g. execute \"how many pods are not running?\" (or -i)");
        }
        String context = PipedInput.collect(run.contextFiles, stdin, stdinPiped && !interactive);
        String firstMessage = question + context;
        ExecuteUseCase useCase = new ExecuteUseCase(env);
        ExecuteUseCase.Request request = new ExecuteUseCase.Request(global.target(), global.llmSettings(),
                global.changePolicy(), !run.noCompaction);

        if (global.dryRun()) {
            DryRunPrinter.print(useCase.preview(request, firstMessage.isEmpty() ? "(interactive)" : firstMessage,
                    note -> err.println("k8s-ai-agent: note: " + note)), out);
            return ExitCodes.OK;
        }

        // Ctrl-C while a question runs cancels the run (see ask); at the "> " prompt it ends the process as usual.
        cancellation = new CancellationToken();
        java.util.function.Consumer<String> usageLines = global.usageLines(err);
        java.util.function.Consumer<String> afterCall = usageLines == null ? null : line -> {
            if (printing != null) {
                printing.endLine();
            }
            usageLines.accept(line);
        };
        try (AgentRun session = useCase.open(request, Approver.asking(confirmer), afterCall, cancellation)) {
            List<AgentResult> results = new ArrayList<>();
            try {
                if (!question.isEmpty()) {
                    results.add(ask(session, firstMessage, global, out, err));
                }
                if (interactive) {
                    converse(session, results, global, out, err, context);
                }
            } finally {
                // Written even when a question fails, so the steps taken so far are not lost.
                if (run.transcript != null) {
                    TranscriptFile.write(run.transcript, session.model(), results, session.decisions());
                }
            }
            if (global.verbose()) {
                err.println("[agent] " + session.usage().summary() + ", round trips: " + session.roundTrips());
            }
            // A run cut short by the provider still printed its best answer, but it is not a success; nor is a
            // conversation in which a question failed.
            return providerFailed || results.stream().anyMatch(r -> r.exitCode() == ExitCodes.LLM) ? ExitCodes.LLM : ExitCodes.OK;
        }
    }

    /**
     * One question: with text output the answer streams to the terminal as it arrives (think blocks
     * hidden or dimmed), behind a spinner while the model is thinking or tools run.
     */
    private AgentResult ask(AgentRun session, String message, GlobalOptions global, PrintWriter out, PrintWriter err) {
        try (var ctrlC = CtrlC.cancels(cancellation)) {
            return answer(session, message, global, out, err);
        }
    }

    private AgentResult answer(AgentRun session, String message, GlobalOptions global, PrintWriter out, PrintWriter err) {
        boolean text = global.output() == null || global.output() == GlobalOptions.OutputFormat.text;
        if (!text) {
            AgentResult result = session.ask(message, new NotePrintingListener(global.verbose() ? new VerboseAgentListener(err) : null, err),
                    null);
            print(result, global, out);
            noteEarlyStop(result, err);
            return result;
        }
        StreamingAnswerPrinter printer = new StreamingAnswerPrinter(out, global.showThinking(), global.colorEnabled());
        printing = printer;
        Spinner spinner = new Spinner(err, "thinking…", Spinner.terminalAttached() && !global.verbose());
        boolean streaming = session.streamsText();
        AgentResult result;
        try {
            result = session.ask(message, new NotePrintingListener(
                    new SpinnerListener(spinner, printer::printed, global.verbose() ? new VerboseAgentListener(err) : null), err),
                    fragment -> {
                        spinner.stop();
                        printer.accept(fragment);
                    });
        } finally {
            spinner.stop();
        }
        printer.finish();
        if (!streaming || !printer.printed()) {
            print(result, global, out);
        }
        noteEarlyStop(result, err);
        return result;
    }

    /** One stderr line when the run did not end with the model's own answer (also after a streamed answer). */
    private static void noteEarlyStop(AgentResult result, PrintWriter err) {
        result.earlyStopNote().ifPresent(note -> {
            err.println("k8s-ai-agent: note: " + note);
            err.flush();
        });
    }

    private void converse(AgentRun session, List<AgentResult> results, GlobalOptions global, PrintWriter out,
                          PrintWriter err, String context) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        boolean first = results.isEmpty();
        while (true) {
            out.print("> ");
            out.flush();
            String line;
            try {
                line = reader.readLine();
            } catch (IOException e) {
                return;
            }
            if (line == null || line.strip().equals("exit") || line.strip().equals("quit")) {
                return;
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                results.add(ask(session, first ? line + context : line, global, out, err));
            } catch (LlmException e) {
                // One failed question does not end the conversation: say why and wait for the next one.
                providerFailed = true;
                err.println("k8s-ai-agent: " + e.getMessage());
                err.flush();
            }
            first = false;
        }
    }

    private static void print(AgentResult result, GlobalOptions global, PrintWriter out) {
        if (global.output() == GlobalOptions.OutputFormat.json || global.output() == GlobalOptions.OutputFormat.yaml) {
            StructuredOutput.print(AgentAnswer.of(result), global.output(), out);
        } else {
            out.println(TerminalText.shown(result.answer()));
        }
        out.flush();
    }
}
