package dev.k8sai.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code chat}: {@code execute -i} under the name people look for. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Talk with the agent about your cluster (the same as execute -i); 'exit', 'quit' or Ctrl-D ends it.",
                "In the chat: /model NAME, /namespace NS, /tokens, /reset, /help. Each conversation is saved "
                        + "($XDG_STATE_HOME/k8s-ai-agent/chats, owner-only) and continues with --resume NAME."})
public final class ChatCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FIRST-MESSAGE", description = "Optional first message.")
    List<String> first = new ArrayList<>();

    @Mixin
    AgentRunOptions run = new AgentRunOptions();

    @Option(names = "--resume", paramLabel = "NAME", description = "Continue a saved conversation (its name is shown when a chat starts).")
    String resume;

    /** Environment, stdin and the confirmation source; tests replace them. */
    java.util.Map<String, String> env = System.getenv();
    java.io.InputStream stdin = System.in;
    dev.k8sai.tools.Confirmer confirmer = TerminalConfirmer.console();

    @Override
    public Integer call() {
        ExecuteCommand execute = new ExecuteCommand();
        execute.root = root;
        execute.spec = spec;
        execute.instruction = first;
        execute.interactive = true;
        execute.run = run;
        execute.resume = resume;
        execute.env = env;
        execute.stdin = stdin;
        execute.confirmer = confirmer;
        return execute.call();
    }
}
