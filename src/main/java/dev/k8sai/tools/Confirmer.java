package dev.k8sai.tools;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Asks the human at the terminal whether a change may run. The answer never comes from the model or
 * from cluster data: only these implementations, chosen by the CLI, can say yes.
 */
@FunctionalInterface
public interface Confirmer {

    /** Shows {@code question} and returns true only for an explicit "y"/"yes". */
    boolean confirm(String question);

    /** The interactive terminal; denies when there is no terminal (piped, CI, no TTY). */
    static Confirmer console() {
        return question -> {
            Console c = System.console();
            // Since JDK 22 System.console() may exist without a terminal; only a real TTY may answer.
            if (c == null || !c.isTerminal()) {
                return false;
            }
            String answer = c.readLine("%s", question);
            return isYes(answer);
        };
    }

    /** Reads the answer from a reader (tests, or a UI that owns stdin); end of input denies. */
    static Confirmer reading(BufferedReader in, PrintStream out) {
        return question -> {
            out.print(question);
            out.flush();
            try {
                return isYes(in.readLine());
            } catch (IOException e) {
                return false;
            }
        };
    }

    /** No way to ask: every change is denied. */
    static Confirmer none() {
        return question -> false;
    }

    static boolean isYes(String answer) {
        if (answer == null) {
            return false;
        }
        String a = answer.strip().toLowerCase(java.util.Locale.ROOT);
        return a.equals("y") || a.equals("yes");
    }
}
