package dev.k8sai.cli;

import dev.k8sai.agent.AgentListener;
import dev.k8sai.agent.TranscriptEntry;
import java.util.function.BooleanSupplier;

/**
 * Spins while the model is being asked; stops when its turn arrives. Forwards to another listener.
 * Once {@code printing} says streamed text is on the line, the spinner stays off: its {@code \r}
 * redraw would overwrite that text.
 */
record SpinnerListener(Spinner spinner, BooleanSupplier printing, AgentListener next) implements AgentListener {

    SpinnerListener(Spinner spinner, AgentListener next) {
        this(spinner, () -> false, next);
    }

    @Override
    public void beforeModelCall(int iteration) {
        if (!printing.getAsBoolean()) {
            spinner.start();
        }
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
