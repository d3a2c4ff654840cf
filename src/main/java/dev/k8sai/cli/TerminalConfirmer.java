package dev.k8sai.cli;

import dev.k8sai.tools.Confirmer;
import java.io.Console;

/** The CLI's approver: asks on the interactive terminal; denies when there is none (piped, CI, no TTY). */
public final class TerminalConfirmer {

    private TerminalConfirmer() {
    }

    public static Confirmer console() {
        return question -> {
            Console c = System.console();
            // Since JDK 22 System.console() may exist without a terminal; only a real TTY may answer.
            if (c == null || !c.isTerminal()) {
                return false;
            }
            return Confirmer.isYes(c.readLine("%s", question));
        };
    }
}
