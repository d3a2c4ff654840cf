package dev.k8sai.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.agent.AgentLimits;
import dev.k8sai.agent.AgentPrompts;
import dev.k8sai.agent.AgentResult;
import dev.k8sai.agent.AgentSession;
import dev.k8sai.agent.TranscriptEntry;
import dev.k8sai.agent.ToolboxTools;
import dev.k8sai.agent.TranscriptFile;
import dev.k8sai.cluster.KubeClients;
import dev.k8sai.cluster.KubeConnection;
import dev.k8sai.config.ProviderProfile;
import dev.k8sai.llm.LlmClient;
import dev.k8sai.llm.LlmException;
import dev.k8sai.tools.Confirmer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    Confirmer confirmer = Confirmer.console();
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
        LlmConnector connector = new LlmConnector(global, env);
        String context = PipedInput.collect(run.contextFiles, stdin, stdinPiped && !interactive);
        String firstMessage = question + context;
        AgentLimits limits = AgentLimits.of(global.maxIterations(), global.maxTokens());

        if (global.dryRun()) {
            ProviderProfile profile = connector.profileForPreview();
            // Opening a client reads the kubeconfig but contacts nothing; without one the preview
            // still lists the same tools (their definitions need no server).
            KubeConnection connection = null;
            try {
                connection = KubeClients.connect(global.kubeconfig(), global.context());
            } catch (AgentException e) {
                err.println("k8s-ai-agent: note: " + e.getMessage() + "; previewing without cluster details");
            }
            try (KubernetesClient client = connection != null ? connection.client() : offlineClient()) {
                AgentToolbox tools = AgentToolbox.build(global, env, Confirmer.none(), client, pythonEnabled(connector),
                        !run.noCompaction, connector.ledger());
                AgentSession session = new AgentSession(LlmConnector.previewClient(profile), ToolboxTools.adapt(tools.toolbox()), limits,
                        systemPrompt(global, connector, connection), null, LlmConnector.tokenEstimator(profile.model()));
                LlmConnector.preview(List.of(session.previewRequest(firstMessage.isEmpty() ? "(interactive)" : firstMessage)),
                        profile, out);
            }
            return ExitCodes.OK;
        }

        ProviderProfile profile = connector.profile();
        LlmClient client = connector.client(err, () -> {
            if (printing != null) {
                printing.endLine();
            }
        });
        try (KubeConnection connection = KubeClients.connect(global.kubeconfig(), global.context())) {
            boolean python = pythonEnabled(connector);
            AgentToolbox tools = AgentToolbox.build(global, env, confirmer, connection.client(), python, !run.noCompaction, connector.ledger());
            AgentSession session = new AgentSession(client, ToolboxTools.adapt(tools.toolbox()), limits,
                    systemPrompt(global, connector, connection), global.verbose() ? new VerboseAgentListener(err) : null,
                    LlmConnector.tokenEstimator(profile.model()));
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
                    TranscriptFile.write(run.transcript, client.describe(), results, tools.guard().decisions());
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
    private AgentResult ask(AgentSession session, String message, GlobalOptions global, PrintWriter out, PrintWriter err) {
        boolean text = global.output() == null || global.output() == GlobalOptions.OutputFormat.text;
        if (!text) {
            AgentResult result = session.ask(message);
            print(result, global, out);
            noteEarlyStop(result, err);
            return result;
        }
        StreamingAnswerPrinter printer = new StreamingAnswerPrinter(out, global.showThinking(), global.colorEnabled());
        printing = printer;
        Spinner spinner = new Spinner(err, "thinking…", Spinner.terminalAttached() && !global.verbose());
        boolean streaming = session.streamTo(fragment -> {
            spinner.stop();
            printer.accept(fragment);
        });
        session.listener(new SpinnerListener(spinner, printer::printed, global.verbose() ? new VerboseAgentListener(err) : null));
        AgentResult result;
        try {
            result = session.ask(message);
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

    private void converse(AgentSession session, List<AgentResult> results, GlobalOptions global, PrintWriter out,
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

    private void print(AgentResult result, GlobalOptions global, PrintWriter out) {
        if (global.output() == GlobalOptions.OutputFormat.json || global.output() == GlobalOptions.OutputFormat.yaml) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("answer", result.answer());
            doc.put("stopReason", result.stopReason());
            doc.put("roundTrips", result.roundTrips());
            doc.put("usage", result.usage());
            doc.put("steps", result.transcript());
            try {
                ObjectMapper mapper = global.output() == GlobalOptions.OutputFormat.yaml
                        ? new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                        : new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                out.println(mapper.writeValueAsString(doc));
            } catch (IOException e) {
                throw new AgentException(ExitCodes.INTERNAL, "cannot render the answer: " + e.getMessage());
            }
        } else {
            out.println(TerminalText.shown(result.answer()));
        }
        out.flush();
    }

    private static String systemPrompt(GlobalOptions global, LlmConnector connector, KubeConnection connection) {
        String context = global.context() != null ? global.context()
                : connection != null ? connection.contextName() : "(current context)";
        String namespace = global.namespace() != null ? global.namespace()
                : connection != null && connection.namespace() != null ? connection.namespace() : "default";
        if (global.allNamespaces()) {
            namespace = "(all namespaces: use -A)";
        }
        return AgentPrompts.execute(context, namespace, connector.language());
    }

    private static boolean pythonEnabled(LlmConnector connector) {
        try {
            return connector.config().tools().pythonEnabled();
        } catch (AgentException e) {
            return false;
        }
    }

    /** A client that is never used to send anything: it only lets tool definitions be rendered. */
    static KubernetesClient offlineClient() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl("https://127.0.0.1:1").build()).build();
    }

}
