package dev.k8sai.cli;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.app.AuditUseCase;
import dev.k8sai.audit.AuditOptions;
import dev.k8sai.audit.AuditRenderer;
import dev.k8sai.audit.AuditRequest;
import dev.k8sai.audit.AuditResult;
import dev.k8sai.audit.AuditService;
import dev.k8sai.audit.AuditRunner;
import dev.k8sai.audit.PssLevel;
import dev.k8sai.audit.SarifRenderer;
import dev.k8sai.audit.TrivyOptions;
import dev.k8sai.cluster.SnapshotReader;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Security audit of workloads: Pod Security Standards, misconfigurations, RBAC, image vulnerabilities.",
                "Exit status: 0 no critical finding, 1 critical findings, 2 usage or connection error."})
public final class AuditCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    FindingsCommandOptions source = new FindingsCommandOptions();

    /** Environment lookup (LLM config, cache dir, PATH for trivy); tests replace it. */
    Map<String, String> env = System.getenv();

    /** "-f -" reads this; tests replace it. */
    InputStream stdin = System.in;
    /** Whether stdin is a terminal ("-f -" then says it is waiting); tests replace it. */
    boolean stdinTerminal = PipedInput.stdinIsTerminal();

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "restricted",
            description = "Pod Security Standards profile to report: baseline or restricted (default: ${DEFAULT-VALUE}).")
    String level;

    @Option(names = "--scan-images", description = "Scan every workload image with trivy (must be on PATH).")
    boolean scanImages;

    @Option(names = "--trivy-offline", description = "With --scan-images: use trivy's cached vulnerability DB, no download.")
    boolean trivyOffline;

    @Option(names = "--trivy-arg", paramLabel = "ARG",
            description = "With --scan-images: pass ARG to trivy (repeatable), e.g. --trivy-arg=--severity=HIGH,CRITICAL.")
    List<String> trivyArgs;


    @Override
    public Integer call() {
        GlobalOptions g = root.global();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GlobalOptions.OutputFormat format = g.output() == null ? GlobalOptions.OutputFormat.text : g.output();
        source.validate(g);
        AuditOptions options = AuditOptions.defaults().withLevel(parseLevel(level));
        if (scanImages) {
            // PATH comes from the command's environment so tests can put a trivy double first.
            options = options.withImageScan(new TrivyOptions(null, env.get("PATH"), trivyOffline, trivyArgs,
                    TrivyOptions.DEFAULT_TIMEOUT, 5));
        } else if (trivyOffline || (trivyArgs != null && !trivyArgs.isEmpty())) {
            throw new AgentException(ExitCodes.USAGE, "--trivy-offline and --trivy-arg need --scan-images");
        }

        source.announceStdin(stdinTerminal, err);
        AuditUseCase.Result run;
        // Progress where a person waits: --explain's model calls (and a trivy scan's reading before it).
        try (Spinner spinner = new Spinner(err, "reading the cluster…",
                (source.explainRequest() != null || scanImages) && Spinner.terminalAttached())) {
            run = new AuditUseCase(new AuditRunner(new AuditService(), new SnapshotReader(env, stdin)), env)
                    .run(new AuditUseCase.Request(new AuditRequest(source.snapshot(g), options), source.explainRequest(),
                            g.llmSettings()), g.usageLines(err), ProgressView.on(spinner));
        }
        if (run.dryRun() != null) {
            DryRunPrinter.print(run.dryRun(), out);
            return ExitCodes.OK;
        }
        AuditResult result = run.result();
        for (String note : result.notes()) {
            err.println(FindingsCommandOptions.noteLine(note));
        }
        err.flush();
        switch (format) {
            case text -> AuditRenderer.text(result, g.colorEnabled(), out);
            case json -> out.println(AuditRenderer.json(result));
            case yaml -> out.print(AuditRenderer.yaml(result));
            case sarif -> out.println(SarifRenderer.render(result, toolVersion()));
        }
        out.flush();
        return run.explainFailureExitCode() != null ? run.explainFailureExitCode() : source.exitCode(result.report().hasCritical());
    }

    private static PssLevel parseLevel(String value) {
        try {
            PssLevel parsed = PssLevel.parse(value);
            if (parsed == PssLevel.PRIVILEGED) {
                throw new IllegalArgumentException("--level privileged would report no Pod Security control; use baseline or restricted");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new AgentException(ExitCodes.USAGE, e.getMessage());
        }
    }

    static String toolVersion() {
        String line = new VersionCommand.Provider().getVersion()[0];
        return line.startsWith("k8s-ai-agent ") ? line.substring("k8s-ai-agent ".length()) : line;
    }
}
