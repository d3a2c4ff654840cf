package dev.k8sai.cli;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.generate.ClusterConnector;
import dev.k8sai.generate.ClusterGateway;
import dev.k8sai.generate.GenerateResult;
import dev.k8sai.generate.GenerateService;
import dev.k8sai.generate.ManifestApplier;
import dev.k8sai.generate.ManifestDiff;
import dev.k8sai.generate.ManifestProblem;
import dev.k8sai.generate.ManifestReviewer;
import dev.k8sai.generate.ManifestValidator;
import dev.k8sai.llm.LlmClient;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
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
import java.util.Optional;
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
 * repair (see {@link ManifestValidator}); without {@code -n} the context's namespace only fills in where the
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

    /** Environment lookup; tests replace it (the JVM's environment cannot be changed in-process). */
    Map<String, String> env = System.getenv();

    /** Asks before applying (unless --yes); only the terminal can say yes, never the model. */
    Confirmer confirmer = Confirmer.console();

    /** Reviews the valid manifests before they are shown; its findings are warnings, never a veto. */
    ManifestReviewer reviewer = ManifestReviewer.audit();

    @Override
    public Integer call() {
        GlobalOptions global = root.global();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LlmConnector connector = new LlmConnector(global, env);
        String prompt = readPrompt();
        if (global.output() == GlobalOptions.OutputFormat.json || global.output() == GlobalOptions.OutputFormat.sarif) {
            throw new AgentException(ExitCodes.USAGE, "generate prints YAML: use -o yaml (print only) or no -o");
        }
        if (maxRepairs < 0) {
            throw new AgentException(ExitCodes.USAGE, "--max-repairs must be 0 or more");
        }

        if (global.dryRun()) {
            // No cluster probe either: the namespace is -n or, as for a real run without one, "the current one".
            LlmConnector.preview(List.of(GenerateService.firstRequest(prompt, global.namespace(), connector.language())),
                    connector.profileForPreview(), out);
            return ExitCodes.OK;
        }

        // The model first: no point in probing the cluster when no provider is configured.
        LlmClient llm = connector.client(err);
        Optional<ClusterGateway> cluster = ClusterConnector.connect(global.kubeconfig(), global.context(),
                line -> err.println("k8s-ai-agent: " + line));
        try {
            return generate(global, prompt, llm, cluster, connector.language(), out, err);
        } finally {
            cluster.ifPresent(ClusterGateway::close);
        }
    }

    private int generate(GlobalOptions global, String prompt, LlmClient llm, Optional<ClusterGateway> cluster, String language,
                         PrintWriter out, PrintWriter err) {
        String namespace = global.namespace() != null ? global.namespace()
                : cluster.map(ClusterGateway::defaultNamespace).orElse(null);
        ManifestValidator validator = new ManifestValidator(cluster.orElse(null)).requireNamespace(global.namespace() != null);
        GenerateResult result = new GenerateService(llm, validator, namespace, maxRepairs, global.maxTokens(), language)
                .generate(prompt);
        if (global.verbose()) {
            err.printf("k8s-ai-agent: %s, %d round(s), %d input + %d output tokens, %s%n", llm.describe(), result.rounds(),
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

        List<HasMetadata> objects = result.validation().objects();
        for (Finding f : reviewer.review(objects)) {
            if (f.severity() != Severity.INFO || global.verbose()) {
                err.println("warning: " + f.severity().wireName() + ": " + f.kind() + "/"
                        + (f.namespace() == null ? "" : f.namespace() + "/") + f.name() + ": " + f.message()
                        + " (" + f.reason() + ")");
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
            return ExitCodes.OK; // -o yaml: print only, never apply
        }
        if (cluster.isEmpty()) {
            err.println("k8s-ai-agent: not applied (no cluster reachable)");
            return ExitCodes.OK;
        }
        ClusterGateway gateway = cluster.get();

        List<ManifestDiff.Entry> diffs = new ManifestDiff(validator, gateway).diff(objects);
        out.println();
        for (ManifestDiff.Entry d : diffs) {
            if (d.newObject()) {
                out.println("new object: " + d.object());
            } else if (d.unchanged()) {
                out.println("unchanged: " + d.object());
            } else {
                out.print(d.diff());
            }
        }
        out.flush();
        long changes = diffs.stream().filter(d -> !d.unchanged()).count();
        if (changes == 0) {
            out.println("nothing to apply: the cluster already matches");
            return ExitCodes.OK;
        }
        String question = "Apply " + objects.size() + " object" + (objects.size() == 1 ? "" : "s") + " to context "
                + gateway.contextName() + "?";
        if (global.readOnly()) {
            throw new AgentException(ExitCodes.REFUSED, "--read-only: not applying " + objects.size() + " object(s) to context "
                    + gateway.contextName());
        }
        err.flush();
        if (!global.yes() && !confirmer.confirm(question + " [y/N] ")) {
            // The console confirmer also says no when there is no terminal to ask: name the way out.
            throw new AgentException(ExitCodes.REFUSED, "not applied: not confirmed (re-run with --yes to apply without asking)");
        }
        List<ManifestApplier.Applied> applied = new ManifestApplier(validator, gateway).apply(objects);
        long failed = 0;
        for (ManifestApplier.Applied a : applied) {
            if (a.ok()) {
                out.println(a.object() + (a.created() ? " created" : " configured") + " (server-side apply)");
            } else {
                failed++;
                err.println("k8s-ai-agent: " + a.object() + ": " + a.error());
            }
        }
        out.flush();
        if (failed > 0) {
            throw new AgentException(ExitCodes.USAGE, failed + " of " + applied.size() + " object(s) failed to apply");
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
                prompt = dev.k8sai.redact.Redactor.redact(promptFile.equals("-") ? readAll(System.in)
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
