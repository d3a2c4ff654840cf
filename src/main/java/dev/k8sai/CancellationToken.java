package dev.k8sai;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Lets a front end stop a run: the agent checks it between LLM calls and tool runs, and whatever is
 * running at that moment (a kubectl process) registers a hook that ends it. Thread-safe; one token per run.
 */
public final class CancellationToken {

    /** A token that is never cancelled, for callers that offer no way to stop. */
    public static final CancellationToken NONE = new CancellationToken();

    private volatile boolean cancelled;
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    /** Cancels the run and runs the registered hooks (each once). */
    public void cancel() {
        if (this == NONE) {
            return;
        }
        cancelled = true;
        for (Runnable hook : hooks) {
            if (hooks.remove(hook)) {
                hook.run();
            }
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws a CANCELLED {@link AgentException} once the run has been cancelled. */
    public void throwIfCancelled() {
        if (cancelled) {
            throw new AgentException(ErrorCategory.CANCELLED, "cancelled");
        }
    }

    /**
     * Runs {@code hook} on cancellation (at once when already cancelled) until the returned
     * registration is closed — e.g. "end this process" for as long as it runs.
     */
    public Registration onCancel(Runnable hook) {
        if (this == NONE) {
            return () -> { };
        }
        hooks.add(hook);
        if (cancelled && hooks.remove(hook)) {
            hook.run();
        }
        return () -> hooks.remove(hook);
    }

    /** An {@link AutoCloseable} that does not throw. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
