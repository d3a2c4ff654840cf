package dev.k8sai.tools;

/**
 * A model-written command that we will not run. The message is written for the model: it says what
 * was refused and what to do instead, and becomes a refused {@link Observation}.
 */
public final class CommandRejectedException extends RuntimeException {

    public CommandRejectedException(String message) {
        super(message, null, false, false);
    }
}
