package dev.k8sai.cli;

import dev.k8sai.agent.AgentListener;
import dev.k8sai.agent.TranscriptEntry;
import java.io.PrintWriter;

/** --verbose: each agent step on stderr, one or two lines, long observations shortened. */
final class VerboseAgentListener implements AgentListener {

    private static final int MAX = 300;
    private final PrintWriter err;

    VerboseAgentListener(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onEntry(TranscriptEntry entry) {
        switch (entry) {
            case TranscriptEntry.UserInput u -> { }
            case TranscriptEntry.ModelTurn m -> {
                if (!m.text().isBlank()) {
                    err.println("[step " + m.iteration() + "] model: " + shorten(m.text()));
                }
                m.toolCalls().forEach(c -> err.println("[step " + m.iteration() + "] call " + c.name() + " " + shorten(c.argumentsJson())));
                if (m.truncated()) {
                    err.println("[step " + m.iteration() + "] reply cut at the output limit (finish_reason length): nothing in it is run");
                }
            }
            case TranscriptEntry.ToolRun t -> err.println("[step " + t.iteration() + "] " + t.tool()
                    + (t.refused() ? " refused: " : " -> ") + shorten(t.observation()));
            case TranscriptEntry.Stop s -> err.println("[stop] " + s.reason() + (s.note() == null ? "" : ": " + shorten(s.note())));
        }
        err.flush();
    }

    private static String shorten(String s) {
        String one = TerminalText.shown(s.replace('\n', ' ').replace('\t', ' ')).strip();
        return one.length() <= MAX ? one : one.substring(0, MAX) + "… (" + s.length() + " chars)";
    }
}
