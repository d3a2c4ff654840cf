package dev.k8sai.cli;

import dev.k8sai.AgentException;
import dev.k8sai.CancellationToken;
import dev.k8sai.ExitCodes;
import dev.k8sai.app.AgentAnswer;
import dev.k8sai.app.AgentRun;
import dev.k8sai.app.ExecuteUseCase;
import dev.k8sai.app.SavedChats;
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
    /** Whether {@link #confirmer} can reach a person (a declined change is then "declined at the prompt"). */
    boolean canAsk = RefusedChangeLines.terminalAttached();

    /** The run's token: Ctrl-C during a question cancels it (the command then ends with exit 130). */
    private CancellationToken cancellation;
    /** A question of an interactive session failed at the provider: the session ends with exit 3. */
    private boolean providerFailed;
    /** The answer printer of the question being asked: a --verbose line first ends its line. */
    private StreamingAnswerPrinter printing;
    /** Progress on stderr (a terminal only) from the first moment: connecting, thinking, the agent's steps. */
    private Spinner spinner;
    /** The open run; chat's /model and /namespace replace it (the conversation carries over). */
    private AgentRun session;
    /** The request {@link #session} was opened with. */
    private ExecuteUseCase.Request current;
    /** chat --resume: the saved conversation to continue (null: a new one). */
    String resume;

    @Override
    public Integer call() {
        GlobalOptions global = root.global();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String question = String.join(" ", instruction).strip();
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
        SavedChats chats = SavedChats.in(env);
        SavedChats.SavedChat resumed = resume == null ? null : chats.load(resume);
        if (resumed != null && global.namespace() == null && !global.allNamespaces() && resumed.namespace() != null) {
            request = new ExecuteUseCase.Request(request.target().withNamespace(resumed.namespace()), request.llm(),
                    request.policy(), request.compaction());
        }
        spinner = new Spinner(err, "connecting…", Spinner.terminalAttached() && !global.verbose());
        try {
            session = useCase.open(request, Approver.asking(confirmer), afterCall, cancellation, ProgressView.on(spinner));
        } catch (RuntimeException e) {
            spinner.stop();
            throw e;
        }
        if (question.isEmpty()) {
            spinner.stop(); // the "> " prompt comes next; with a question the spinner runs on into "thinking…"
        }
        try {
            List<AgentResult> results = new ArrayList<>();
            ChatShell shell = null;
            if (interactive) {
                current = request;
                shell = new ChatShell(chatAgent(useCase, afterCall, global, out, err),
                        new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)), out, err, chats,
                        resume != null ? resume : freshName(chats));
                if (resumed != null) {
                    session.restore(resumed.conversation());
                }
                shell.banner(resumed == null ? null : "Resumed " + resume + ": " + resumed.messages().size()
                        + " messages, " + resumed.usage().summary());
            }
            try {
                if (!question.isEmpty()) {
                    results.add(ask(session, firstMessage, global, out, err));
                    if (shell != null) {
                        shell.save();
                    }
                }
                if (shell != null) {
                    shell.converse(results, context, results.isEmpty());
                    providerFailed = shell.providerFailed();
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
            // conversation in which a question failed. A change that was not made is exit 4, as in generate.
            if (providerFailed || results.stream().anyMatch(r -> r.exitCode() == ExitCodes.LLM)) {
                return ExitCodes.LLM;
            }
            return results.stream().anyMatch(r -> r.exitCode() == ExitCodes.REFUSED) ? ExitCodes.REFUSED : ExitCodes.OK;
        } finally {
            session.close();
        }
    }

    /** The chat shell's view of this command: the current run, asking, and moving to another model or namespace. */
    private ChatShell.Agent chatAgent(ExecuteUseCase useCase, java.util.function.Consumer<String> afterCall, GlobalOptions global,
                                      PrintWriter out, PrintWriter err) {
        return new ChatShell.Agent() {
            @Override
            public AgentRun run() {
                return session;
            }

            @Override
            public AgentResult ask(String message) {
                return ExecuteCommand.this.ask(session, message, global, out, err);
            }

            @Override
            public void reopen(java.util.function.UnaryOperator<ExecuteUseCase.Request> change) {
                ExecuteUseCase.Request next = change.apply(current);
                AgentRun opened;
                try (Spinner connecting = new Spinner(err, "connecting…", Spinner.terminalAttached())) {
                    opened = useCase.open(next, Approver.asking(confirmer), afterCall, cancellation, ProgressView.on(connecting));
                }
                opened.restore(session.conversation());
                session.close();
                session = opened;
                current = next;
            }
        };
    }

    /** A new conversation's name: its start time, made unique in the chats directory. */
    private static String freshName(SavedChats chats) {
        String base = chats.newName(java.time.Instant.now());
        String name = base;
        for (int i = 2; java.nio.file.Files.exists(chats.dir().resolve(name + ".json")); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    /**
     * One question: with text output the answer streams to the terminal as it arrives (think blocks
     * hidden or dimmed), behind a spinner while the model is thinking or tools run.
     */
    private AgentResult ask(AgentRun session, String message, GlobalOptions global, PrintWriter out, PrintWriter err) {
        AgentResult result;
        try (var ctrlC = CtrlC.cancels(cancellation)) {
            result = answer(session, message, global, out, err);
        }
        RefusedChangeLines.print(result, canAsk, err);
        return result;
    }

    private AgentResult answer(AgentRun session, String message, GlobalOptions global, PrintWriter out, PrintWriter err) {
        boolean text = global.output() == null || global.output() == GlobalOptions.OutputFormat.text;
        if (!text) {
            AgentResult result;
            try {
                result = session.ask(message, new NotePrintingListener(
                        new SpinnerListener(spinner, global.verbose() ? new VerboseAgentListener(err) : null), err), null);
            } finally {
                spinner.stop();
            }
            print(result, global, out);
            noteEarlyStop(result, err);
            return result;
        }
        StreamingAnswerPrinter printer = new StreamingAnswerPrinter(out, global.showThinking(), answerColor(global),
                Terminals.stdout()).beforeOutput(spinner::stop);
        printing = printer;
        boolean streaming = session.streamsText();
        AgentResult result;
        try {
            result = session.ask(message, new NotePrintingListener(
                    new SpinnerListener(spinner, printer::midLine, printer::endLine, global.verbose() ? new VerboseAgentListener(err)
                            : run.showSteps(global) ? new AgentStepsListener(spinner, printer::endLine) : null), err),
                    fragment -> {
                        // Markdown appears block by block: until a block is complete the spinner says the answer is coming.
                        if (printer.rendersMarkdown() && !printer.midLine()) {
                            spinner.show("writing the answer…");
                        }
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

    /** Colour of the answer: only where it is drawn, on a terminal stdout (and not turned off). */
    private static boolean answerColor(GlobalOptions global) {
        return global.colorEnabled() && Terminals.stdout();
    }

    private static void print(AgentResult result, GlobalOptions global, PrintWriter out) {
        if (global.output() == GlobalOptions.OutputFormat.json || global.output() == GlobalOptions.OutputFormat.yaml) {
            StructuredOutput.print(AgentAnswer.of(result), global.output(), out);
        } else if (Terminals.stdout()) {
            out.println(new dev.k8sai.cli.markdown.MarkdownTerminal(answerColor(global)).render(result.answer()));
        } else {
            out.println(TerminalText.shown(result.answer()));
        }
        out.flush();
    }
}
