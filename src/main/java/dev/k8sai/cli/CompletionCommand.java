package dev.k8sai.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Prints a shell completion script. bash and zsh share picocli's generated script (in zsh it loads
 * bashcompinit itself, so it is sourced from .zshrc rather than put on fpath); picocli has no fish generator, so
 * {@link FishCompletion} writes that one from the same command model.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for bash, zsh or fish.",
                "bash and zsh: source <(k8s-ai-agent completion bash|zsh) in ~/.bashrc or ~/.zshrc; fish: save it in "
                        + "~/.config/fish/completions/. Release tarballs ship all three in share/completion/."})
public final class CompletionCommand implements Callable<Integer> {

    public enum Shell { bash, zsh, fish }

    @Parameters(paramLabel = "SHELL", description = "One of: ${COMPLETION-CANDIDATES}.")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(script(shell));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The script for {@code shell}, generated from the whole command tree. */
    public static String script(Shell shell) {
        CommandLine tree = CommandTree.full(CommandLine.defaultFactory());
        String name = tree.getCommandName();
        return switch (shell) {
            case bash -> AutoComplete.bash(name, tree);
            case zsh -> AutoComplete.bash(name, tree); // the script detects zsh and loads bashcompinit itself
            case fish -> FishCompletion.script(tree);
        };
    }
}
