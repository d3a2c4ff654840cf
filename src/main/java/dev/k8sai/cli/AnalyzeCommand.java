package dev.k8sai.cli;

import dev.k8sai.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Find what is broken in a cluster or a saved snapshot, with rule-based checks.")
public final class AnalyzeCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("k8s-ai-agent: 'analyze' is not implemented yet");
        return ExitCodes.USAGE;
    }
}
