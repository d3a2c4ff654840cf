package dev.k8sai.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code chat}: {@code execute -i} under the name people look for. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Talk with the agent about your cluster (the same as execute -i); 'exit' or end of input ends it.")
public final class ChatCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FIRST-MESSAGE", description = "Optional first message.")
    List<String> first = new ArrayList<>();

    @Mixin
    AgentRunOptions run = new AgentRunOptions();

    @Override
    public Integer call() {
        ExecuteCommand execute = new ExecuteCommand();
        execute.root = root;
        execute.spec = spec;
        execute.instruction = first;
        execute.interactive = true;
        execute.run = run;
        return execute.call();
    }
}
