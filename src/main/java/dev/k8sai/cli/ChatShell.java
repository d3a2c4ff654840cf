package dev.k8sai.cli;

import dev.k8sai.AgentException;
import dev.k8sai.agent.AgentResult;
import dev.k8sai.app.AgentRun;
import dev.k8sai.app.SavedChats;
import dev.k8sai.llm.LlmException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The interactive side of execute -i / chat: a banner (context, namespace, model, how to leave), the
 * "> " prompt, slash commands ({@code /model}, {@code /namespace}, {@code /tokens}, {@code /reset},
 * {@code /help}) and saving the conversation after every answer so {@code chat --resume NAME} continues it.
 * Answers go to stdout; the banner and the commands' replies to stderr.
 */
final class ChatShell {

    /** What the shell needs from the command that runs the agent. */
    interface Agent {
        AgentRun run();

        /** Asks and prints the answer; a provider failure is thrown. */
        AgentResult ask(String message);

        /** Replaces the run by one on another model or namespace; the conversation carries over. */
        void reopen(UnaryOperator<dev.k8sai.app.ExecuteUseCase.Request> change);
    }

    private final Agent agent;
    private final BufferedReader in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final SavedChats chats;
    private final String name;
    /** Whether a question failed at the provider (the session then ends with exit 3). */
    private boolean providerFailed;

    ChatShell(Agent agent, BufferedReader in, PrintWriter out, PrintWriter err, SavedChats chats, String name) {
        this.agent = agent;
        this.in = in;
        this.out = out;
        this.err = err;
        this.chats = chats;
        this.name = name;
    }

    boolean providerFailed() {
        return providerFailed;
    }

    void banner(String resumedNote) {
        AgentRun run = agent.run();
        err.println("k8s-ai-agent chat · context " + TerminalText.shown(orDefault(run.target().context(), "(current)"))
                + " · namespace " + TerminalText.shown(orDefault(run.target().namespace(), "default"))
                + " · model " + TerminalText.shown(run.model()));
        if (resumedNote != null) {
            err.println(resumedNote);
        }
        err.println("Ask about your cluster; /help lists commands; exit, quit or Ctrl-D leaves.");
        err.println("Saved as " + name + " (continue later: k8s-ai-agent chat --resume " + name + ")");
        err.flush();
    }

    /** Reads questions until exit, quit or end of input; {@code context} is added to the first question. */
    void converse(List<AgentResult> results, String context, boolean first) {
        while (true) {
            out.print("> ");
            out.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                return;
            }
            if (line == null) {
                out.println(); // Ctrl-D: the shell's prompt comes back on a line of its own
                out.flush();
                return;
            }
            String trimmed = line.strip();
            if (trimmed.equals("exit") || trimmed.equals("quit")) {
                return;
            }
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("/")) {
                command(trimmed);
                continue;
            }
            try {
                results.add(agent.ask(first ? line + context : line));
            } catch (LlmException e) {
                // One failed question does not end the conversation: say why and wait for the next one.
                providerFailed = true;
                err.println("k8s-ai-agent: " + e.getMessage());
                err.flush();
            }
            first = false;
            save();
        }
    }

    /** Saves the conversation; a file that cannot be written costs the resume, not the answer. */
    void save() {
        try {
            chats.save(name, agent.run(), agent.run().model());
        } catch (AgentException e) {
            err.println("k8s-ai-agent: note: " + e.getMessage());
            err.flush();
        }
    }

    private void command(String line) {
        String[] words = line.split("\\s+", 2);
        String arg = words.length > 1 ? words[1].strip() : "";
        try {
            switch (words[0]) {
                case "/model" -> {
                    require(arg, "/model NAME, e.g. /model gpt-4o");
                    agent.reopen(r -> new dev.k8sai.app.ExecuteUseCase.Request(r.target(), r.llm().withModel(arg), r.policy(), r.compaction()));
                    say("model: " + agent.run().model());
                }
                case "/namespace", "/ns" -> {
                    require(arg, "/namespace NS");
                    agent.reopen(r -> new dev.k8sai.app.ExecuteUseCase.Request(r.target().withNamespace(arg), r.llm(), r.policy(), r.compaction()));
                    say("namespace: " + agent.run().target().namespace());
                }
                case "/tokens" -> {
                    AgentRun.Conversation c = agent.run().conversation();
                    say("this conversation: " + c.usage().summary() + ", round trips: " + c.roundTrips());
                }
                case "/reset" -> {
                    AgentRun.Conversation c = agent.run().conversation();
                    agent.run().restore(new AgentRun.Conversation(List.of(), c.usage(), c.roundTrips()));
                    say("conversation cleared (the model starts afresh; tokens used so far still count)");
                }
                case "/help", "/?" -> say("""
                        /model NAME      continue with another model
                        /namespace NS    continue in another namespace
                        /tokens          tokens and round trips of this conversation
                        /reset           forget the conversation so far
                        exit, quit or Ctrl-D leaves""".stripIndent());
                default -> say("unknown command " + TerminalText.shown(words[0]) + "; /help lists them");
            }
            save();
        } catch (AgentException e) {
            // a model or namespace that cannot be used: the conversation goes on as it was
            say("k8s-ai-agent: " + e.getMessage());
        }
    }

    private static void require(String arg, String usage) {
        if (arg.isEmpty()) {
            throw new AgentException(dev.k8sai.ErrorCategory.USAGE, "usage: " + usage);
        }
    }

    private void say(String text) {
        err.println(TerminalText.shown(text));
        err.flush();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
