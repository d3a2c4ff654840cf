package dev.k8sai.cli;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.app.GenerateUseCase;
import dev.k8sai.generate.ClusterGateway;
import dev.k8sai.generate.GenerateResult;
import dev.k8sai.generate.ManifestApplier;
import dev.k8sai.generate.ManifestDiff;
import dev.k8sai.generate.ManifestProblem;
import dev.k8sai.generate.ManifestReviewer;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import dev.k8sai.tools.Approver;
import dev.k8sai.tools.ChangeGuard;
import dev.k8sai.tools.Confirmer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code generate}: prompt → validated manifests → diff → confirmation → server-side apply.
 *
 * <p>Namespace: an explicit {@code -n} is binding — a namespaced object the model put elsewhere is sent back for
 * repair (see {@link dev.k8sai.generate.ManifestValidator}); without {@code -n} the context's namespace only fills in where the
 * manifest names none. Non-blocking notes (several YAML blocks, custom resources not checked offline, a Secret with
 * literal values) go to stderr.
 *
 * <p>Apply is per object, like {@code kubectl apply}: Namespaces and CRDs first, then the model's order; a
 * rejected object does not stop the others, and nothing already applied is rolled back (a rollback would need
 * the previous state of every object and could itself fail half-way). Each success goes to stdout, each failure
 * to stderr, and any failure ends with exit code {@link ExitCodes#USAGE} and "N of M object(s) failed to apply".
 * When every object is unchanged (the server's dry run equals the live object), nothing is applied.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write Kubernetes manifests from a prompt, validate them, and apply after confirmation.")
public final class GenerateCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "PROMPT",
            description = "What to generate, e.g. \"a redis deployment with 3 replicas and a service\".")
    List<String> promptWords;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the prompt from FILE ('-' for stdin).")
    String promptFile;

    @Option(names = "--max-repairs", paramLabel = "N", defaultValue = "2",
            description = "Most times invalid manifests are sent back to the model for repair (default: ${DEFAULT-VALUE}).")
    int maxRepairs;

    @Option(names = "--save", paramLabel = "FILE", description = "Also write the generated manifests to FILE.")
    Path save;

    /** Environment lookup and stdin (-f -); tests replace them (the JVM's environment cannot be changed in-process). */
    Map<String, String> env = System.getenv();
    InputStream stdin = System.in;

    /** Asks before applying (unless --yes); only the terminal can say yes, never the model. */
    Confirmer confirmer = TerminalConfirmer.console();

    /** Reviews the valid manifests before they are shown; its findings are warnings, never a veto. */
    ManifestReviewer reviewer = ManifestReviewer.audit();

    @Override
    public Integer call() {
        GlobalOptions global = root.global();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String prompt = readPrompt();

        GenerateUseCase useCase = new GenerateUseCase(env, reviewer);
        GenerateUseCase.Request request = new GenerateUseCase.Request(prompt, global.target(), global.llmSettings(), maxRepairs);
        if (global.dryRun()) {
            // No cluster probe either: the namespace is -n or, as for a real run without one, "the current one".
            DryRunPrinter.print(useCase.preview(request), out);
            return ExitCodes.OK;
        }
        Spinner spinner = new Spinner(err, "connecting…", Spinner.terminalAttached() && !global.verbose());
        GenerateUseCase.Plan planned;
        try {
            planned = useCase.plan(request, line -> spinner.println("k8s-ai-agent: " + line), global.usageLines(err),
                    ProgressView.on(spinner));
        } finally {
            spinner.stop();
        }
        try (GenerateUseCase.Plan plan = planned) {
            return show(plan, global, out, err) ? apply(useCase, plan, global, out, err) : ExitCodes.OK;
        }
    }

    /** Prints the plan; true when it should go on to apply (valid, not -o yaml, a cluster, some change). */
    private boolean show(GenerateUseCase.Plan plan, GlobalOptions global, PrintWriter out, PrintWriter err) {
        GenerateResult result = plan.result();
        if (global.verbose()) {
            err.printf("k8s-ai-agent: %s, %d round(s), %d input + %d output tokens, %s%n", plan.model(), result.rounds(),
                    result.usage().input(), result.usage().output(),
                    result.validation().serverChecked() ? "validated by the API server" : "validated offline");
        }
        for (String note : result.validation().notes()) {
            err.println("k8s-ai-agent: note: " + note);
        }
        if (!result.valid()) {
            if (result.note() != null) {
                err.println("k8s-ai-agent: note: " + result.note());
            }
            if (!result.yaml().isBlank()) {
                err.println("# last generated YAML (invalid):");
                err.print(result.yaml());
            }
            err.println("k8s-ai-agent: problems:");
            for (ManifestProblem p : result.validation().problems()) {
                err.println("  " + p);
            }
            err.flush();
            throw new AgentException(ExitCodes.LLM, "the model did not produce valid manifests in " + result.rounds()
                    + " round(s) (" + result.validation().problems().size() + " problem(s) above); try --max-repairs or a clearer prompt");
        }
        List<HasMetadata> objects = plan.objects();
        for (Finding f : plan.review()) {
            if (f.severity() != Severity.INFO || global.verbose()) {
                // One label, the finding's severity in the parentheses (it used to read "warning: warning: …").
                err.println("k8s-ai-agent: " + (f.severity() == Severity.INFO ? "note" : "warning") + ": " + f.objectRef() + ": "
                        + f.message() + " (" + f.reason() + ", " + f.severity().wireName() + ")");
            }
        }
        if (save != null) {
            try {
                Files.writeString(save, result.yaml(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AgentException(ExitCodes.USAGE, "cannot write " + save + ": " + e.getMessage(), null, e);
            }
            err.println("k8s-ai-agent: saved " + objects.size() + " object(s) to " + save);
        }
        out.print(result.yaml());
        out.flush();
        if (global.output() == GlobalOptions.OutputFormat.yaml) {
            return false; // -o yaml: print only, never apply
        }
        if (plan.cluster().isEmpty()) {
            err.println("k8s-ai-agent: not applied (no cluster reachable)");
            return false;
        }
        out.println();
        for (ManifestDiff.Entry d : plan.diffs()) {
            if (d.newObject()) {
                out.println("new object: " + d.object());
            } else if (d.unchanged()) {
                out.println("unchanged: " + d.object());
            } else {
                out.print(d.diff());
            }
        }
        out.flush();
        if (!plan.hasChanges()) {
            out.println("nothing to apply: the cluster already matches");
            return false;
        }
        return true;
    }

    private int apply(GenerateUseCase useCase, GenerateUseCase.Plan plan, GlobalOptions global, PrintWriter out, PrintWriter err) {
        err.flush();
        GenerateUseCase.Applied applied = useCase.apply(plan,
                new ChangeGuard(global.changePolicy(), Approver.asking(confirmer)));
        String context = plan.cluster().map(ClusterGateway::contextName).orElse("(none)");
        switch (applied.decision().outcome()) {
            case REFUSED_BY_POLICY -> throw new AgentException(ExitCodes.REFUSED, "--read-only: not applying "
                    + plan.objects().size() + " object(s) to context " + context);
            // The terminal approver also says no when there is no terminal to ask: name the way out.
            case DECLINED -> throw new AgentException(ExitCodes.REFUSED,
                    "not applied: not confirmed (re-run with --yes to apply without asking)");
            default -> { }
        }
        for (ManifestApplier.Applied a : applied.objects()) {
            if (a.ok()) {
                out.println(a.object() + (a.created() ? " created" : " configured") + " (server-side apply)");
            } else {
                err.println("k8s-ai-agent: " + a.object() + ": " + a.error());
            }
        }
        out.flush();
        if (applied.failed() > 0) {
            throw new AgentException(ExitCodes.USAGE, applied.failed() + " of " + applied.objects().size()
                    + " object(s) failed to apply");
        }
        return ExitCodes.OK;
    }

    private String readPrompt() {
        boolean words = promptWords != null && !promptWords.isEmpty();
        if (words && promptFile != null) {
            throw new AgentException(ExitCodes.USAGE, "give the prompt either as arguments or with -f, not both");
        }
        String prompt;
        if (promptFile != null) {
            try {
                // A prompt file may carry pasted logs or manifests: redacted like every other input read
                // from a file or stdin (what is typed on the command line is sent as typed).
                prompt = dev.k8sai.redact.Redactor.redact(promptFile.equals("-") ? readAll(stdin)
                        : Files.readString(Path.of(promptFile), StandardCharsets.UTF_8)).text();
            } catch (IOException e) {
                throw new AgentException(ExitCodes.USAGE, "cannot read prompt file " + promptFile + ": " + e.getMessage(), null, e);
            }
        } else {
            prompt = words ? String.join(" ", promptWords) : "";
        }
        if (prompt.isBlank()) {
            throw new AgentException(ExitCodes.USAGE, "no prompt: say what to generate, e.g. generate \"a redis deployment\" (or -f FILE)");
        }
        return prompt.strip();
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
