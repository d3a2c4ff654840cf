package dev.k8sai.cli;

import dev.k8sai.AgentException;
import dev.k8sai.ErrorCategory;
import dev.k8sai.ExitCodes;
import dev.k8sai.cluster.ClusterTarget;
import dev.k8sai.cluster.EarlyConnection;
import dev.k8sai.cluster.EarlySnapshotFile;
import dev.k8sai.config.ConfigLoader;
import dev.k8sai.llm.LlmClients;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Entry point: every failure becomes one line on stderr and an exit code, never a stack trace. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int exit = run(args);
        // the LLM provider's HTTP clients (diagnose, execute, chat…) would hold the JVM's exit 300 ms
        LlmClients.shutDownAll();
        System.exit(exit);
    }

    /** Runs the CLI in-process; tests call this. */
    public static int run(String... args) {
        // the cluster connection (kubeconfig, client, TLS handshake) is opened while picocli builds the tree
        ClusterTarget target = ClusterFlags.peek(args);
        if (target != null) {
            EarlyConnection.start(target, System.getenv());
        } else {
            JacksonWarmUp.startFor(args);
        }
        // and a snapshot file is read and laid out, its first items bound
        Path snapshot = SnapshotFileFlag.peek(args);
        if (snapshot != null) {
            EarlySnapshotFile.start(snapshot);
        }
        try {
            return configure(CommandTree.forArgs(CommandLine.defaultFactory(), args)).execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to the handler; by now what filled the heap is unreachable again
            System.err.println("k8s-ai-agent: out of memory with a " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB heap (the input is too large for it); give the JVM more, e.g. JAVA_TOOL_OPTIONS=-Xmx2g");
            return ErrorCategory.INTERNAL.exitCode();
        } finally {
            EarlyConnection.discard();
            EarlySnapshotFile.discard();
        }
    }

    /** The whole command tree with the CLI's handlers. */
    public static CommandLine newCommandLine() {
        return configure(CommandTree.full(CommandLine.defaultFactory()));
    }

    /** Sets the CLI's handlers on a tree built by {@link CommandTree}. */
    static CommandLine configure(CommandLine cl) {
        RootCommand root = cl.getCommand();
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
                report(ex, commandLine.getErr(), root.global != null && root.global.verbose));
        // Config-file defaults (readOnly, maxTokens, maxIterations, language, output) apply to every
        // command. A file that cannot be read is reported by the commands that need it, not here.
        cl.setExecutionStrategy(parseResult -> {
            CommandLine.ParseResult leaf = parseResult;
            boolean outputGiven = false;
            for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
                leaf = p;
                outputGiven |= p.hasMatchedOption("--output");
            }
            String command = leaf.commandSpec().qualifiedName();
            if (root.global != null && CommandTree.needsConfig(parseResult)) {
                try {
                    root.global.applyDefaults(ConfigLoader.load(root.global.config(), System.getenv()).defaults());
                } catch (AgentException | IllegalArgumentException e) {
                    // left to the command
                }
            }
            if (root.global != null && !leaf.isUsageHelpRequested() && !leaf.isVersionHelpRequested()) {
                if (outputGiven) {
                    try {
                        CommandOptions.checkOutput(command, root.global.outputGiven());
                    } catch (AgentException e) {
                        return report(e, leaf.commandSpec().commandLine().getErr(), root.global.verbose);
                    }
                } else {
                    root.global.dropDefaultOutputUnlessIn(CommandOptions.formats(command));
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("k8s-ai-agent: " + message(ex));
            // picocli's "Did you mean ...?" for a mistyped command or option
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return ExitCodes.USAGE;
        });
        return cl;
    }

    /** picocli's message, except a word where a command was expected: "unknown command 'analze'". */
    private static String message(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.isUnknownOption()
                && !ex.getCommandLine().getSubcommands().isEmpty() && !unmatched.getUnmatched().isEmpty()
                && ex.getCommandLine().getCommandSpec().positionalParameters().isEmpty()) {
            return "unknown command '" + unmatched.getUnmatched().getFirst() + "'";
        }
        return ex.getMessage();
    }

    static int report(Exception ex, PrintWriter err, boolean verbose) {
        Throwable cause = ex;
        while (!(cause instanceof AgentException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof AgentException agent) {
            err.println("k8s-ai-agent: " + agent.getMessage());
            if (verbose && agent.detail() != null) {
                err.println(agent.detail());
            }
            if (verbose && agent.getCause() != null) {
                causes(agent.getCause(), err);
            }
            err.flush();
            return agent.category().exitCode();
        }
        err.println("k8s-ai-agent: internal error: " + ex.getClass().getSimpleName()
                + (ex.getMessage() == null ? "" : ": " + firstLine(ex.getMessage()))
                + (verbose ? "" : " (run with --verbose for details)"));
        if (verbose) {
            causes(ex, err);
            StackTraceElement[] at = ex.getStackTrace();
            if (at.length > 0) {
                err.println("  at " + at[0]);
            }
        }
        err.flush();
        return ErrorCategory.INTERNAL.exitCode();
    }

    /** --verbose detail: the chain of causes, one line each — never a stack trace. */
    private static void causes(Throwable t, PrintWriter err) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < 8; c = c.getCause() == c ? null : c.getCause(), depth++) {
            err.println("  caused by " + c.getClass().getName() + (c.getMessage() == null ? "" : ": " + firstLine(c.getMessage())));
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
