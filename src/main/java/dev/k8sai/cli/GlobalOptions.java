package dev.k8sai.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * kubectl-style options accepted by every subcommand, before or after its name
 * (picocli INHERIT scope: the subcommand's copy binds to these same fields).
 * Null means "not given on the command line": the config file's defaults then apply.
 */
public final class GlobalOptions {

    public enum OutputFormat {
        text, json, yaml, sarif;

        /** The format {@code name} names, in any case; null when none does. */
        static OutputFormat parse(String name) {
            try {
                return valueOf(name.strip().toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /** The names for shell completion (picocli takes an enum's values, but -o is read as text). */
        static final class Names implements Iterable<String> {
            @Override
            public java.util.Iterator<String> iterator() {
                return java.util.Arrays.stream(values()).map(Enum::name).iterator();
            }
        }
    }

    @Option(names = "--kubeconfig", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Path to the kubeconfig file (default: $KUBECONFIG or ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "The kubeconfig context to use.")
    String context;

    @Option(names = {"-n", "--namespace"}, scope = ScopeType.INHERIT, paramLabel = "NS",
            description = "Namespace to work in (default: the context's namespace).")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, scope = ScopeType.INHERIT,
            description = "Work across all namespaces.")
    boolean allNamespaces;

    @Option(names = "--as", scope = ScopeType.INHERIT, paramLabel = "USER",
            description = "Impersonate this user for every cluster request (kubectl --as).")
    String asUser;

    @Option(names = "--as-group", scope = ScopeType.INHERIT, paramLabel = "GROUP",
            description = "Impersonate this group (repeatable; kubectl --as-group).")
    java.util.List<String> asGroups;

    OutputFormat output;
    /** -o as given. Read as text, not as the enum: picocli's error for a word that is no format would list every
     *  format, sarif included; {@link CommandOptions#checkOutput} names the command's own once the command is known. */
    String outputGiven;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            completionCandidates = OutputFormat.Names.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (each command's help says which it writes).")
    void output(String given) {
        outputGiven = given;
        output = OutputFormat.parse(given);
    }

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Configuration file (default: $K8S_AI_AGENT_CONFIG or ~/.config/k8s-ai-agent/config.yaml).")
    Path config;

    @Option(names = "--provider", scope = ScopeType.INHERIT, paramLabel = "PROFILE",
            description = "LLM provider profile from the config file (or a provider type: openai, azure, ollama, openai-compatible).")
    String provider;

    @Option(names = "--model", scope = ScopeType.INHERIT, paramLabel = "MODEL",
            description = "Model name for this call (overrides the profile's model).")
    String model;

    @Option(names = "--max-tokens", scope = ScopeType.INHERIT, paramLabel = "N",
            description = "Token budget for this command's LLM calls.")
    Integer maxTokens;

    @Option(names = "--max-iterations", scope = ScopeType.INHERIT, paramLabel = "N",
            description = "Most agent steps (model round trips) before it must answer.")
    Integer maxIterations;

    @Option(names = "--dry-run", scope = ScopeType.INHERIT,
            description = "Print the exact messages and tools that would be sent, with a token estimate, and send nothing.")
    boolean dryRun;

    @Option(names = "--read-only", scope = ScopeType.INHERIT,
            description = "Refuse anything that would change the cluster.")
    boolean readOnly;

    @Option(names = {"-y", "--yes"}, scope = ScopeType.INHERIT,
            description = "Do not ask before changing the cluster.")
    boolean yes;

    @Option(names = "--language", scope = ScopeType.INHERIT, paramLabel = "LANG",
            description = "Language of LLM answers, e.g. en, zh, de.")
    String language;

    @Option(names = "--no-color", scope = ScopeType.INHERIT,
            description = "No colours (also off when stdout is not a terminal or NO_COLOR is set).")
    boolean noColor;

    @Option(names = "--show-thinking", scope = ScopeType.INHERIT,
            description = "Show reasoning models' <think> text (dimmed).")
    boolean showThinking;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Report tokens, round trips and error details.")
    boolean verbose;

    public Path kubeconfig() { return kubeconfig; }
    public String context() { return context; }
    public String namespace() { return namespace; }
    public boolean allNamespaces() { return allNamespaces; }
    public OutputFormat output() { return output; }
    String outputGiven() { return outputGiven; }
    public Path config() { return config; }
    public String provider() { return provider; }
    public String model() { return model; }
    public Integer maxTokens() { return maxTokens; }
    public Integer maxIterations() { return maxIterations; }
    public boolean dryRun() { return dryRun; }
    public boolean readOnly() { return readOnly; }
    public boolean yes() { return yes; }
    public String language() { return language; }
    public boolean noColor() { return noColor; }
    public boolean showThinking() { return showThinking; }
    public boolean verbose() { return verbose; }

    /**
     * Fills what the command line left unset from the config file's {@code defaults} (command-line
     * values win; {@code readOnly: true} cannot be switched off from the command line).
     */
    void applyDefaults(dev.k8sai.config.ConfigFile.Defaults defaults) {
        if (Boolean.TRUE.equals(defaults.readOnly())) {
            readOnly = true;
        }
        if (maxTokens == null) {
            maxTokens = defaults.maxTokens();
        }
        if (maxIterations == null) {
            maxIterations = defaults.maxIterations();
        }
        if (language == null) {
            language = defaults.language();
        }
        if (output == null && defaults.output() != null) {
            output = OutputFormat.parse(defaults.output());
        }
    }

    /**
     * A config-file default {@code output} the command cannot write is dropped (the command's own default
     * applies); one given on the command line is checked by {@link CommandOptions#checkOutput}.
     */
    void dropDefaultOutputUnlessIn(java.util.List<OutputFormat> formats) {
        if (output != null && !formats.contains(output)) {
            output = null;
        }
    }

    /** The cluster, namespace and identity chosen on the command line (resolved against the kubeconfig by the use case). */
    public dev.k8sai.cluster.ClusterTarget target() {
        return new dev.k8sai.cluster.ClusterTarget(kubeconfig, context, namespace, allNamespaces, asUser, asGroups);
    }

    /** The model choices of this command line (null: the config file decides). */
    public dev.k8sai.app.LlmSettings llmSettings() {
        return new dev.k8sai.app.LlmSettings(config, provider, model, language, maxTokens, maxIterations, dryRun);
    }

    /** --read-only refuses changes, --yes allows them, otherwise the terminal is asked. */
    public dev.k8sai.tools.ChangeGuard.Policy changePolicy() {
        return dev.k8sai.tools.ChangeGuard.policyFor(readOnly, yes);
    }

    /** With --verbose, a sink that prints each usage line on {@code err}; otherwise null (no metering). */
    java.util.function.Consumer<String> usageLines(java.io.PrintWriter err) {
        return !verbose ? null : line -> {
            err.println(line);
            err.flush();
        };
    }

    /** Colour only on a terminal, never with --no-color or NO_COLOR set. */
    public boolean colorEnabled() {
        return !noColor && System.console() != null && System.getenv("NO_COLOR") == null;
    }
}
