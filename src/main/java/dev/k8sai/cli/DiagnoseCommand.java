package dev.k8sai.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.agent.AgentLimits;
import dev.k8sai.agent.AgentPrompts;
import dev.k8sai.agent.AgentResult;
import dev.k8sai.agent.AgentSession;
import dev.k8sai.agent.DiagnosisFacts;
import dev.k8sai.agent.DiagnosisReport;
import dev.k8sai.agent.DiagnosisSeeder;
import dev.k8sai.agent.DiagnosisTarget;
import dev.k8sai.agent.ToolboxTools;
import dev.k8sai.agent.TranscriptFile;
import dev.k8sai.cluster.KubeClients;
import dev.k8sai.cluster.KubeConnection;
import dev.k8sai.config.ProviderProfile;
import dev.k8sai.llm.LlmClient;
import dev.k8sai.tools.Confirmer;
import java.io.IOException;
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

    /** Environment, stdin and the confirmation source; tests replace them. Changes are refused anyway. */
    Map<String, String> env = System.getenv();
    InputStream stdin = System.in;
    boolean stdinPiped = PipedInput.stdinIsPiped();
    Confirmer confirmer = Confirmer.none();

    @Override
    public Integer call() {
        GlobalOptions global = root.global();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (global.allNamespaces()) {
            throw new AgentException(ExitCodes.USAGE, "diagnose investigates one object; name its namespace with -n instead of -A");
        }
        if (global.output() == GlobalOptions.OutputFormat.sarif) {
            throw new AgentException(ExitCodes.USAGE, "diagnose writes -o text, json or yaml; sarif is for audit");
        }
        DiagnosisTarget.parse(target, "default"); // a malformed target fails before any connection
        LlmConnector connector = new LlmConnector(global, env);
        String context = PipedInput.collect(run.contextFiles, stdin, stdinPiped);
        AgentLimits limits = AgentLimits.of(global.maxIterations(), global.maxTokens());
        // Without --dry-run, a missing provider configuration fails before the cluster is read.
        ProviderProfile profile = global.dryRun() ? connector.profileForPreview() : connector.profile();
        LlmClient client = global.dryRun() ? LlmConnector.previewClient(profile) : connector.client(err);

        try (KubeConnection connection = KubeClients.connect(global.kubeconfig(), global.context())) {
            String namespace = global.namespace() != null ? global.namespace()
                    : connection.namespace() != null ? connection.namespace() : "default";
            DiagnosisTarget what = DiagnosisTarget.parse(target, namespace);
            DiagnosisFacts facts = new DiagnosisSeeder().collect(connection, what);
            if (global.verbose()) {
                err.println("[diagnose] " + facts.findings().size() + " related findings, " + facts.events().size()
                        + " warning events, " + facts.logs().size() + " previous logs");
                facts.notes().forEach(n -> err.println("[diagnose] note: " + n));
                err.flush();
            }
            String firstMessage = facts.firstMessage(context);
            // Diagnose never changes the cluster: the guard refuses every write, whatever --yes says.
            AgentToolbox tools = AgentToolbox.build(global, env, confirmer, connection.client(), false, !run.noCompaction, true, connector.ledger());
            String contextName = global.context() != null ? global.context() : connection.contextName();
            AgentSession session = new AgentSession(client, ToolboxTools.adapt(tools.toolbox()), limits,
                    AgentPrompts.diagnose(contextName, connector.language()),
                    global.verbose() && !global.dryRun() ? new VerboseAgentListener(err) : null,
                    LlmConnector.tokenEstimator(profile.model()));
            if (global.dryRun()) {
                LlmConnector.preview(List.of(session.previewRequest(firstMessage)), profile, out);
                return ExitCodes.OK;
            }
            // A spinner while the model works (terminal only; --verbose prints the steps instead).
            Spinner spinner = new Spinner(err, "investigating…", Spinner.terminalAttached() && !global.verbose());
            session.listener(new SpinnerListener(spinner, global.verbose() ? new VerboseAgentListener(err) : null));
            AgentResult result;
            try {
                result = session.ask(firstMessage);
            } finally {
                spinner.stop();
            }
            DiagnosisReport report = DiagnosisReport.of(what, result, facts.findings());
            if (run.transcript != null) {
                TranscriptFile.write(run.transcript, client.describe(), List.of(result), tools.guard().decisions());
            }
            if (global.verbose()) {
                err.println("[agent] " + session.usage().summary() + ", round trips: " + session.roundTrips());
                err.flush();
            }
            print(report, global, out);
            // The report of a run the provider cut short is shown, but the run failed (exit 3).
            result.earlyStopNote().ifPresent(note -> {
                err.println("k8s-ai-agent: note: " + note);
                err.flush();
            });
            return result.exitCode();
        }
    }

    private static void print(DiagnosisReport report, GlobalOptions global, PrintWriter out) {
        GlobalOptions.OutputFormat format = global.output() == null ? GlobalOptions.OutputFormat.text : global.output();
        switch (format) {
            case json, yaml -> {
                ObjectMapper mapper = format == GlobalOptions.OutputFormat.yaml
                        ? new ObjectMapper(new YAMLFactory())
                        : new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                try {
                    out.println(mapper.writeValueAsString(report).stripTrailing());
                } catch (IOException e) {
                    throw new AgentException(ExitCodes.INTERNAL, "cannot render the report: " + e.getMessage());
                }
            }
            default -> out.print(TerminalText.shown(report.renderText()));
        }
        out.flush();
    }

}
