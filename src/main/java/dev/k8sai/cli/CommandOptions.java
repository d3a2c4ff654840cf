package dev.k8sai.cli;

import dev.k8sai.AgentException;
import dev.k8sai.ErrorCategory;
import dev.k8sai.cli.GlobalOptions.OutputFormat;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one table of which global options each command reads and which {@code -o} formats it writes.
 * Every global option is still accepted by every command (kubectl-style: a shell alias with
 * {@code -n shop} works everywhere), but a command's help lists only the ones it uses, and an
 * {@code -o} it cannot write is the same usage error everywhere. A global option in none of the groups
 * below (a new one) is listed everywhere until it is added here.
 */
final class CommandOptions {

    private CommandOptions() {
    }

    private static final Set<String> CLUSTER = Set.of("--kubeconfig", "--context", "--namespace", "--all-namespaces", "--as", "--as-group");
    private static final Set<String> MODEL = Set.of("--config", "--provider", "--model", "--max-tokens", "--language", "--dry-run");
    private static final Set<String> AGENT = Set.of("--max-iterations", "--read-only", "--yes", "--show-thinking");
    private static final Set<String> OUTPUT = Set.of("--output", "--no-color");
    private static final Set<String> ALWAYS = Set.of("--verbose");
    private static final Set<String> KNOWN = union(CLUSTER, MODEL, AGENT, OUTPUT, ALWAYS);

    /** What a command uses: its global options and the -o formats it writes (empty: it has no -o). */
    private record Use(Set<String> options, Set<OutputFormat> formats) { }

    private static final Set<OutputFormat> FINDINGS = EnumSet.of(OutputFormat.text, OutputFormat.json, OutputFormat.yaml);

    /** By qualified command name ("config view"); a command not listed (the root) uses everything. */
    private static final Map<String, Use> USES = Map.ofEntries(
            Map.entry("analyze", new Use(union(CLUSTER, MODEL, OUTPUT, ALWAYS), FINDINGS)),
            Map.entry("audit", new Use(union(CLUSTER, MODEL, OUTPUT, ALWAYS), EnumSet.allOf(OutputFormat.class))),
            Map.entry("diagnose", new Use(union(CLUSTER, MODEL, Set.of("--max-iterations", "--output"), ALWAYS), FINDINGS)),
            Map.entry("generate", new Use(union(CLUSTER, MODEL, Set.of("--read-only", "--yes", "--output"), ALWAYS),
                    EnumSet.of(OutputFormat.text, OutputFormat.yaml))),
            Map.entry("execute", new Use(KNOWN, FINDINGS)),
            Map.entry("chat", new Use(KNOWN, FINDINGS)),
            Map.entry("models", new Use(union(Set.of("--config", "--provider", "--model", "--dry-run", "--output"), ALWAYS),
                    EnumSet.of(OutputFormat.text, OutputFormat.json))),
            Map.entry("serve", new Use(union(Set.of("--kubeconfig", "--context", "--config"), ALWAYS), Set.of())),
            Map.entry("mcp", new Use(union(CLUSTER, Set.of("--config", "--provider", "--model", "--max-tokens", "--language",
                    "--read-only"), ALWAYS), Set.of())),
            Map.entry("config", new Use(union(Set.of("--config"), ALWAYS), Set.of())),
            Map.entry("config view", new Use(union(Set.of("--config", "--output"), ALWAYS), FINDINGS)),
            Map.entry("config set", new Use(union(Set.of("--config"), ALWAYS), Set.of())),
            Map.entry("config use-profile", new Use(union(Set.of("--config"), ALWAYS), Set.of())),
            Map.entry("config path", new Use(union(Set.of("--config"), ALWAYS), Set.of())),
            Map.entry("version", new Use(Set.of("--output"), FINDINGS)),
            Map.entry("completion", new Use(Set.of(), Set.of())),
            Map.entry("help", new Use(Set.of(), Set.of())));

    /** Whether the command named {@code qualified} ("k8s-ai-agent config view") reads the global {@code option}. */
    static boolean uses(String qualified, OptionSpec option) {
        Use use = USES.get(relative(qualified));
        String name = option.longestName();
        return use == null || !KNOWN.contains(name) || use.options().contains(name);
    }

    /** The -o formats of a command, in help order; all for the root. */
    static List<OutputFormat> formats(String qualified) {
        Use use = USES.get(relative(qualified));
        return use == null ? List.of(OutputFormat.values())
                : Stream.of(OutputFormat.values()).filter(use.formats()::contains).toList();
    }

    /** The help line of -o for a command. */
    static String outputHelp(String qualified) {
        List<OutputFormat> formats = formats(qualified);
        return relative(qualified).isEmpty()
                ? "Output format: " + or(formats) + " (each command's help says which it writes)."
                : "Output format: " + or(formats) + ".";
    }

    /**
     * "-o sarif" for a command that cannot write it, or "-o xml" for any: one usage line naming what the
     * command can write. {@code given}: -o as typed (null: not given).
     */
    static void checkOutput(String qualified, String given) {
        if (given == null) {
            return;
        }
        List<OutputFormat> formats = formats(qualified);
        String command = relative(qualified);
        if (formats.isEmpty()) {
            throw new AgentException(ErrorCategory.USAGE, command + " has no -o option");
        }
        OutputFormat requested = OutputFormat.parse(given);
        if (requested == null || !formats.contains(requested)) {
            throw new AgentException(ErrorCategory.USAGE, (command.isEmpty() ? "-o is " : command + " writes -o ") + or(formats)
                    + ", not -o " + (requested == null ? given : requested)
                    + (requested == OutputFormat.sarif ? " (sarif is for audit)" : ""));
        }
    }

    /** "text, json or yaml". */
    static String or(List<OutputFormat> formats) {
        List<String> names = formats.stream().map(Enum::name).toList();
        return names.size() == 1 ? names.getFirst()
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    }

    private static String relative(String qualified) {
        int space = qualified.indexOf(' ');
        return space < 0 ? "" : qualified.substring(space + 1);
    }

    @SafeVarargs
    private static <T> Set<T> union(Set<T>... sets) {
        return Stream.of(sets).flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());
    }
}
