package dev.k8sai.cli;

import dev.k8sai.agent.AgentListener;
import dev.k8sai.agent.TranscriptEntry;
import dev.k8sai.app.Progress;
import java.util.function.BooleanSupplier;

/**
 * Spins while the model is being asked; stops when its turn arrives. Forwards to another listener.
 * Once {@code printing} says streamed text is on the line, the spinner stays off: its {@code \r}
 * redraw would overwrite that text. {@code turnEnded} runs when a model turn goes on to tool calls,
 * so the answer text streamed so far is completed before the step lines.
 */
record SpinnerListener(Spinner spinner, BooleanSupplier printing, Runnable turnEnded, AgentListener next) implements AgentListener {

    SpinnerListener(Spinner spinner, BooleanSupplier printing, AgentListener next) {
        this(spinner, printing, () -> { }, next);
    }

    SpinnerListener(Spinner spinner, AgentListener next) {
        this(spinner, () -> false, next);
    }

    @Override
    public void beforeModelCall(int iteration) {
        if (!printing.getAsBoolean()) {
            spinner.show(ProgressView.text(new Progress.Thinking(iteration)));
        }
        if (next != null) {
            next.beforeModelCall(iteration);
        }
    }

    @Override
    public void onEntry(TranscriptEntry entry) {
        if (entry instanceof TranscriptEntry.ModelTurn turn) {
            spinner.stop();
            if (!turn.toolCalls().isEmpty()) {
                turnEnded.run();
            }
        }
        if (next != null) {
            next.onEntry(entry);
        }
    }
}
