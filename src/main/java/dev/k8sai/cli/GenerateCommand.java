package dev.k8sai.cli;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.generate.ClusterConnector;
import dev.k8sai.generate.ClusterGateway;
import dev.k8sai.generate.Confirmer;
import dev.k8sai.generate.GenerateResult;
import dev.k8sai.generate.GenerateService;
import dev.k8sai.generate.ManifestApplier;
import dev.k8sai.generate.ManifestDiff;
import dev.k8sai.generate.ManifestProblem;
import dev.k8sai.generate.ManifestReviewer;
import dev.k8sai.generate.ManifestValidator;
import dev.k8sai.llm.LlmClient;
import dev.k8sai.llm.LlmMessage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write Kubernetes manifests from a prompt, validate them, and apply after confirmation.")
public final class GenerateCommand implements Callable<Integer> {

    /** The default until the llm/config engineers provide {@code LlmClient fromGlobals(GlobalOptions)}. */
    public static final Function<GlobalOptions, LlmClient> NO_LLM = g -> {
        throw new AgentException(ExitCodes.USAGE, "no LLM configured: set up a provider profile (k8s-ai-agent config) "
                + "or pass --provider");
    };

    /** Connects with --kubeconfig/--context; empty (with a note on stderr) when no cluster answers. */
    public interface ClusterFactory {
        Optional<ClusterGateway> connect(GlobalOptions global, PrintWriter err);
    }

    public static final ClusterFactory DEFAULT_CLUSTER = (g, err) ->
            ClusterConnector.connect(g.kubeconfig(), g.context(), line -> err.println("k8s-ai-agent: " + line));

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

    private final Function<GlobalOptions, LlmClient> llmFactory;
    private final ClusterFactory clusterFactory;
    private final Confirmer confirmer;
    private final ManifestReviewer reviewer;

    public GenerateCommand() {
        this(NO_LLM, DEFAULT_CLUSTER, Confirmer.console(), ManifestReviewer.NONE);
    }

    /** For wiring (Main, once LlmClient factories exist) and tests: every collaborator injectable. */
    public GenerateCommand(Function<GlobalOptions, LlmClient> llmFactory, ClusterFactory clusterFactory,
                           Confirmer confirmer, ManifestReviewer reviewer) {
        this.llmFactory = llmFactory;
        this.clusterFactory = clusterFactory;
        this.confirmer = confirmer;
        this.reviewer = reviewer;
    }

    @Override
    public Integer call() {
        GlobalOptions global = root.global();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String prompt = readPrompt();
        if (global.output() == GlobalOptions.OutputFormat.json || global.output() == GlobalOptions.OutputFormat.sarif) {
            throw new AgentException(ExitCodes.USAGE, "generate prints YAML: use -o yaml (print only) or no -o");
        }
        if (maxRepairs < 0) {
            throw new AgentException(ExitCodes.USAGE, "--max-repairs must be 0 or more");
        }

        if (global.dryRun()) {
            String ns = global.namespace();
            List<LlmMessage> messages = GenerateService.messagesFor(prompt, ns);
            printDryRun(out, messages);
            return ExitCodes.OK;
        }

        LlmClient llm = llmFactory.apply(global); // first: no point in probing the cluster without a model
        Optional<ClusterGateway> cluster = clusterFactory.connect(global, err);
        String namespace = global.namespace() != null ? global.namespace()
                : cluster.map(ClusterGateway::defaultNamespace).orElse(null);
        ManifestValidator validator = new ManifestValidator(cluster.orElse(null));
        GenerateResult result = new GenerateService(llm, validator, namespace, maxRepairs, global.maxTokens()).generate(prompt);
        if (global.verbose()) {
            err.printf("k8s-ai-agent: %s, %d round(s), %d input + %d output tokens, %s%n", llm.describe(), result.rounds(),
                    result.usage().input(), result.usage().output(),
                    result.validation().serverChecked() ? "validated by the API server" : "validated offline");
        }
        if (!result.valid()) {
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
        for (String warning : reviewer.review(objects)) {
            err.println("warning: " + warning);
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
        boolean go = global.yes() ? Confirmer.YES.confirm(question) : confirmer.confirm(question);
        if (!go) {
            throw new AgentException(ExitCodes.REFUSED, "not applied: declined");
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
                prompt = promptFile.equals("-") ? readAll(System.in) : Files.readString(Path.of(promptFile), StandardCharsets.UTF_8);
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

    /**
     * TODO(dedup): replace with dev.k8sai.llm.PromptPreview / TokenCounter once merged; until then the messages
     * are printed as they are and tokens estimated as characters / 4.
     */
    private static void printDryRun(PrintWriter out, List<LlmMessage> messages) {
        int chars = 0;
        for (LlmMessage m : messages) {
            String role = switch (m) {
                case LlmMessage.System s -> "system";
                case LlmMessage.User u -> "user";
                case LlmMessage.Assistant a -> "assistant";
                case LlmMessage.ToolResult t -> "tool";
            };
            out.println("--- " + role + " ---");
            out.println(m.text());
            chars += m.text().length();
        }
        out.println("---");
        out.println("estimated input tokens: ~" + (chars + 3) / 4 + " (characters / 4); nothing was sent");
        out.flush();
    }
}
