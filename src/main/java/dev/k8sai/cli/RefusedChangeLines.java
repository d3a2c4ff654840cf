package dev.k8sai.cli;

import dev.k8sai.agent.AgentResult;
import dev.k8sai.agent.RefusedChange;
import java.io.PrintWriter;

/**
 * After an agent's answer: one stderr line per change that was not made, with the exact command shown
 * and why, so an answer that claims the change was done cannot mislead (the exit code is then 4).
 */
final class RefusedChangeLines {

    private RefusedChangeLines() {
    }

    /** {@code canAsk}: a terminal was there to ask; without one a decline means nobody could answer. */
    static void print(AgentResult result, boolean canAsk, PrintWriter err) {
        for (RefusedChange change : result.refusedChanges()) {
            err.println("k8s-ai-agent: not run: " + TerminalText.shown(change.command()) + " (" + why(change.why(), canAsk) + ")");
        }
        err.flush();
    }

    static String why(RefusedChange.Why why, boolean canAsk) {
        return switch (why) {
            case DECLINED -> canAsk ? "declined at the prompt" : "no terminal to confirm it; --yes allows changes";
            case READ_ONLY -> "read-only";
            case NEVER_ALLOWED -> "never run for the assistant";
        };
    }

    /** Whether a person can answer the confirmation question here (the CLI's confirmer needs a real terminal). */
    static boolean terminalAttached() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }
}
