package dev.k8sai.cli;

import dev.k8sai.agent.AgentListener;
import dev.k8sai.agent.TranscriptEntry;
import java.io.PrintWriter;

/** Prints a run's notes (a configured MCP server left out) on stderr as the CLI's other notes; forwards the steps. */
record NotePrintingListener(AgentListener next, PrintWriter err) implements AgentListener {

    @Override
    public void onNote(String note) {
        err.println("k8s-ai-agent: note: " + TerminalText.shown(note));
        err.flush();
    }

    @Override
    public void beforeModelCall(int iteration) {
        if (next != null) {
            next.beforeModelCall(iteration);
        }
    }

    @Override
    public void onEntry(TranscriptEntry entry) {
        if (next != null) {
            next.onEntry(entry);
        }
    }
}
