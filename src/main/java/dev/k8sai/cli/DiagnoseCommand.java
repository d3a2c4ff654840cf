package dev.k8sai.cli;

import dev.k8sai.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Let an agent investigate one pod or workload and write a report.")
public final class DiagnoseCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("k8s-ai-agent: 'diagnose' is not implemented yet");
        return ExitCodes.USAGE;
    }
}
