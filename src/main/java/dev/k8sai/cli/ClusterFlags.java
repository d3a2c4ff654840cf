package dev.k8sai.cli;

import dev.k8sai.cluster.ClusterTarget;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The cluster a command line will connect to, read from its flags before picocli parses them, so the
 * connection can be opened meanwhile ({@link dev.k8sai.cluster.EarlyConnection}). Only a guess: the
 * connection is used only if the parsed command asks for exactly this target, so a command line this
 * does not understand costs the head start, never correctness.
 */
final class ClusterFlags {

    /** Commands that read the live cluster of the global flags as their first step. */
    private static final Set<String> CONNECTING = Set.of("analyze", "audit", "diagnose");
    /** Flags after which the command does not connect to one cluster (or at all). */
    private static final Set<String> NOT_ONE_CLUSTER = Set.of("-f", "--file", "-h", "--help", "-V", "--version",
            "--all-contexts", "--");

    private ClusterFlags() {
    }

    /** The target of {@code args}, or null when they do not clearly start a connecting command. */
    static ClusterTarget peek(String... args) {
        String command = CommandPeek.command(args);
        Path kubeconfig = null;
        String context = null;
        String asUser = null;
        List<String> asGroups = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            if (NOT_ONE_CLUSTER.contains(name)) {
                return null;
            }
            boolean valued = name.equals("--kubeconfig") || name.equals("--context") || name.equals("--as")
                    || name.equals("--as-group");
            if (valued) {
                String value = eq > 0 ? arg.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
                if (value == null) {
                    return null;
                }
                switch (name) {
                    case "--kubeconfig" -> {
                        try {
                            kubeconfig = Path.of(value);
                        } catch (InvalidPathException e) {
                            return null; // the parsed command reports it, as one line
                        }
                    }
                    case "--context" -> context = value;
                    case "--as" -> asUser = value;
                    default -> asGroups.add(value);
                }
            }
        }
        if (command == null || !CONNECTING.contains(command) || (context != null && context.contains(","))) {
            return null;
        }
        return new ClusterTarget(kubeconfig, context, null, false, asUser, asGroups);
    }
}
