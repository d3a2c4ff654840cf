package dev.k8sai.cli;

import dev.k8sai.ExitCodes;
import dev.k8sai.config.AgentConfig;
import dev.k8sai.config.ConfigEditor;
import dev.k8sai.config.ConfigLoader;
import dev.k8sai.config.ConfigView;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Show or edit the configuration file (LLM provider profiles and defaults).")
public final class ConfigCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    /** The process environment; tests replace it. */
    Map<String, String> env = System.getenv();

    /** Without a subcommand: its short usage (the full help, with every global option, is --help's). */
    @Override
    public Integer call() {
        java.io.PrintWriter err = spec.commandLine().getErr();
        err.println("k8s-ai-agent: config needs a subcommand: " + String.join(", ", spec.subcommands().keySet().stream()
                .filter(name -> !name.equals("help")).toList()));
        err.println("Usage: k8s-ai-agent config view | set KEY VALUE | use-profile NAME | path");
        err.println("Try 'k8s-ai-agent config --help' for usage.");
        err.flush();
        return ExitCodes.USAGE;
    }

    @Command(name = "view", mixinStandardHelpOptions = true,
            description = "Print the effective configuration as YAML, or JSON with -o json (file and environment profiles, keys masked).")
    int view() {
        AgentConfig config = ConfigLoader.load(override(), env);
        boolean json = root != null && root.global() != null && root.global().output() == GlobalOptions.OutputFormat.json;
        spec.commandLine().getOut().print(json ? ConfigView.renderJson(config) + "\n" : ConfigView.render(config));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Set a dotted KEY to VALUE in the config file (an empty VALUE removes the key).",
                    "Keys: " + ConfigEditor.KEYS_HELP,
                    "Example: config set profiles.qwen.type openai-compatible"})
    int set(@Parameters(index = "0", paramLabel = "KEY") String key,
            @Parameters(index = "1", paramLabel = "VALUE") String value) {
        Path file = configFile();
        if (key.endsWith(".apiKey") && !value.isEmpty()) {
            spec.commandLine().getErr().println("k8s-ai-agent: warning: storing an API key in " + file
                    + " is discouraged; prefer " + key + "Env naming an environment variable");
        }
        ConfigEditor.set(file, key, value);
        if (key.equals("defaultProfile") && !value.isEmpty()
                && !ConfigLoader.load(file, env).profiles().containsKey(value)) {
            spec.commandLine().getErr().println("k8s-ai-agent: warning: '" + value + "' is not a profile yet");
        }
        spec.commandLine().getOut().println((value.isEmpty() ? "removed " + key : "set " + key) + " in " + file);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    @Command(name = "use-profile", mixinStandardHelpOptions = true,
            description = "Make NAME the default profile (a profile from the file or the environment).")
    int useProfile(@Parameters(paramLabel = "NAME") String name) {
        Path file = configFile();
        ConfigEditor.useProfile(file, name, ConfigLoader.load(file, env));
        spec.commandLine().getOut().println("default profile is now " + name + " (" + file + ")");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    @Command(name = "path", mixinStandardHelpOptions = true, description = "Print the config file's path.")
    int path() {
        spec.commandLine().getOut().println(ConfigLoader.configPath(override(), env));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private Path configFile() {
        return ConfigLoader.configPath(override(), env);
    }

    private Path override() {
        return root == null || root.global() == null ? null : root.global().config();
    }
}
