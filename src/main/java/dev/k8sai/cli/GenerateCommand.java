package dev.k8sai.cli;

import dev.k8sai.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write Kubernetes manifests from a prompt, validate them, and apply after confirmation.")
public final class GenerateCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("k8s-ai-agent: 'generate' is not implemented yet");
        return ExitCodes.USAGE;
    }
}
