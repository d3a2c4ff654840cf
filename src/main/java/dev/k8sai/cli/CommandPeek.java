package dev.k8sai.cli;

import java.util.Set;

/**
 * The command a command line names, found before picocli parses it, for the work the CLI starts while
 * picocli builds the tree ({@link ClusterFlags}, {@link SnapshotFileFlag}, {@link JacksonWarmUp}). Only a
 * guess: what is started early is used only if the parsed command asks for exactly it.
 */
final class CommandPeek {

    /** Global options (GlobalOptions) that may come before the command, with their value as the next argument. */
    private static final Set<String> VALUED = Set.of("--kubeconfig", "--context", "-n", "--namespace", "--as", "--as-group",
            "-o", "--output", "--config", "--provider", "--model", "--max-tokens", "--max-iterations", "--language");

    private CommandPeek() {
    }

    /** The first argument that is neither an option nor a global option's value, before "--"; null if none. */
    static String command(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--".equals(arg)) {
                return null;
            }
            if (VALUED.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }
}
