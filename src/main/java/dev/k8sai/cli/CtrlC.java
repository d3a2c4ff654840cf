package dev.k8sai.cli;

import dev.k8sai.CancellationToken;
import dev.k8sai.ErrorCategory;

/**
 * Wires Ctrl-C to a run's {@link CancellationToken}: the first one cancels (a running kubectl is
 * ended, the agent stops before its next step and the command exits 130 with one line), a second
 * one exits at once — a model call in flight is not waited for. sun.misc.Signal is the only way the
 * JDK offers to handle SIGINT without ending the JVM; where it is missing, Ctrl-C ends the process as before.
 */
final class CtrlC {

    private CtrlC() {
    }

    /** Cancels {@code token} on Ctrl-C until the returned registration is closed. */
    static CancellationToken.Registration cancels(CancellationToken token) {
        try {
            sun.misc.Signal interrupt = new sun.misc.Signal("INT");
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(interrupt, signal -> {
                if (token.isCancelled()) {
                    Runtime.getRuntime().halt(ErrorCategory.CANCELLED.exitCode());
                }
                token.cancel();
            });
            return () -> sun.misc.Signal.handle(interrupt, previous);
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return () -> { };
        }
    }
}
