package dev.k8sai.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * A yes/no question to a person (the CLI's terminal: {@code cli.TerminalConfirmer}). The answer never
 * comes from the model or from cluster data. {@link Approver#asking} turns it into the approval port.
 */
@FunctionalInterface
public interface Confirmer {

    /** Shows {@code question} and returns true only for an explicit "y"/"yes". */
    boolean confirm(String question);

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
