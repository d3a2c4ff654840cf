package dev.k8sai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.agent.AgentListener;
import dev.k8sai.agent.TranscriptEntry;
import java.util.HashSet;
import java.util.Set;

/**
 * The agent's steps on stderr by default (text output, no --quiet), as kubectl-ai shows them: one line
 * per tool call, {@code → kubectl get pods -n shop}, printed when the model asks for it (so a
 * confirmation question that follows has its context) and marked when it was refused or failed. The
 * command is model text: escaped before it reaches the terminal.
 */
final class AgentStepsListener implements AgentListener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX = 200;

    private final Spinner lines;
    private final Runnable beforeLine;
    /** Calls already announced from a native model turn; a ReAct run announces at the tool run instead. */
    private final Set<String> announced = new HashSet<>();

    /** {@code beforeLine} runs before each line (ends a streamed answer's line). */
    AgentStepsListener(Spinner lines, Runnable beforeLine) {
        this.lines = lines;
        this.beforeLine = beforeLine;
    }

    @Override
    public void onEntry(TranscriptEntry entry) {
        switch (entry) {
            case TranscriptEntry.ModelTurn m when !m.truncated() -> m.toolCalls().forEach(call -> {
                announced.add(key(m.iteration(), call.name(), call.argumentsJson()));
                print("→ " + describe(call.name(), call.argumentsJson()));
            });
            case TranscriptEntry.ToolRun t -> {
                boolean seen = announced.remove(key(t.iteration(), t.tool(), t.arguments()));
                String what = describe(t.tool(), t.arguments());
                if (t.refused()) {
                    print("  ✗ not run: " + what);
                } else if (!seen) {
                    print("→ " + what + (t.error() ? "  (failed)" : ""));
                } else if (t.error()) {
                    print("  ✗ failed: " + what);
                }
            }
            default -> { }
        }
    }

    private void print(String line) {
        beforeLine.run();
        lines.println(line);
    }

    private static String key(int iteration, String tool, String arguments) {
        return iteration + "\u0000" + tool + "\u0000" + arguments;
    }

    /** "kubectl get pods" for the kubectl tool, else "TOOL {arguments}", on one line, escaped, shortened. */
    static String describe(String tool, String argumentsJson) {
        String text;
        try {
            JsonNode args = JSON.readTree(argumentsJson == null ? "{}" : argumentsJson);
            JsonNode command = args.path("command");
            text = command.isTextual() ? command.asText() : tool + " " + (args.isEmpty() ? "" : args.toString());
        } catch (Exception e) {
            text = tool + " " + argumentsJson;
        }
        String one = TerminalText.shown(text.replace('\n', ' ').replace('\t', ' ')).strip();
        return one.length() <= MAX ? one : one.substring(0, MAX) + "…";
    }
}
