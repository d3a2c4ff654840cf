package dev.k8sai.cli;

import dev.k8sai.agent.AgentListener;
import dev.k8sai.agent.TranscriptEntry;

/** Spins while the model is being asked; stops when its turn arrives. Forwards to another listener. */
record SpinnerListener(Spinner spinner, AgentListener next) implements AgentListener {

    @Override
    public void beforeModelCall(int iteration) {
        spinner.start();
        if (next != null) {
            next.beforeModelCall(iteration);
        }
    }

    @Override
    public void onEntry(TranscriptEntry entry) {
        if (entry instanceof TranscriptEntry.ModelTurn) {
            spinner.stop();
        }
        if (next != null) {
            next.onEntry(entry);
        }
    }
}
