package dev.k8sai.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command tree. picocli reflects on every registered subcommand class when the tree is built, which
 * was a third of {@code version}'s start-up; so when the command line names a subcommand outright, only
 * that one is registered. Anything else (no subcommand, a mistyped one, root help) gets the whole tree,
 * so help, completion and "did you mean" see every command.
 */
public final class CommandTree {

    /** Every subcommand of the root, in help order (the one list; RootCommand's annotation has none). */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private CommandTree() {
    }

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("analyze", AnalyzeCommand.class);
        m.put("audit", AuditCommand.class);
        m.put("diagnose", DiagnoseCommand.class);
        m.put("generate", GenerateCommand.class);
        m.put("execute", ExecuteCommand.class);
        m.put("chat", ChatCommand.class);
        m.put("models", ModelsCommand.class);
        m.put("serve", ServeCommand.class);
        m.put("mcp", McpCommand.class);
        m.put("config", ConfigCommand.class);
        m.put("version", VersionCommand.class);
        m.put("completion", CompletionCommand.class);
        m.put("help", HelpCommand.class);
        return m;
    }

    /** The whole tree (help, completion scripts, man pages, tests). */
    public static CommandLine full(CommandLine.IFactory factory) {
        return build(factory, null);
    }

    /** The tree for running {@code args}: just the named subcommand when there is one. */
    static CommandLine forArgs(CommandLine.IFactory factory, String... args) {
        CommandLine root = new CommandLine(RootCommand.class, factory);
        return register(root, factory, requested(root.getCommandSpec(), args));
    }

    private static CommandLine build(CommandLine.IFactory factory, String only) {
        return register(new CommandLine(RootCommand.class, factory), factory, only);
    }

    private static CommandLine register(CommandLine root, CommandLine.IFactory factory, String only) {
        for (Map.Entry<String, Class<?>> e : SUBCOMMANDS.entrySet()) {
            if (only == null || only.equals(e.getKey())) {
                try {
                    root.addSubcommand(e.getKey(), factory.create(e.getValue()));
                } catch (Exception ex) {
                    throw new CommandLine.InitializationException("cannot create the " + e.getKey() + " command", ex);
                }
            }
        }
        HelpLayout.apply(root);
        return root;
    }

    /**
     * Whether the config file's defaults matter to what is being run: not to help, version or
     * completion (reading the file would load Jackson for nothing).
     */
    static boolean needsConfig(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return false;
            }
            if (!p.hasSubcommand()) {
                Object command = p.commandSpec().userObject();
                return !(command instanceof RootCommand || command instanceof VersionCommand
                        || command instanceof CompletionCommand || command instanceof HelpCommand);
            }
        }
        return true;
    }

    /**
     * The subcommand {@code args} name before anything else positional, skipping the root's options
     * and their values; null (the whole tree) when there is none, when it is not a known name, or when
     * root help or version is asked for first.
     */
    static String requested(CommandSpec root, String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return null;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                // help names other commands, so it needs them all
                return SUBCOMMANDS.containsKey(arg) && !arg.equals("help") ? arg : null;
            }
            OptionSpec option = root.findOption(arg);
            if (option == null) {
                // "--name=value", an attached short value (-nshop), a cluster or a typo: the whole tree
                // parses it exactly; this is only a shortcut for the common shapes.
                int eq = arg.indexOf('=');
                if (eq > 0 && root.findOption(arg.substring(0, eq)) != null) {
                    continue;
                }
                return null;
            }
            if (option.usageHelp() || option.versionHelp()) {
                return null;
            }
            if (option.arity().max() > 0) {
                i++;
            }
        }
        return null;
    }
}
