package dev.k8sai.generate;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import java.io.Console;
import java.util.Locale;

/**
 * Asks the user before a change. TODO(dedup): the tools engineer's ChangeGuard does the same for execute;
 * merge the two once both are in.
 */
@FunctionalInterface
public interface Confirmer {

    /** True to go ahead; false when the user declined. May throw AgentException(REFUSED) when it cannot ask. */
    boolean confirm(String question);

    /** --yes: never asks. */
    Confirmer YES = question -> true;

    /** Asks "question [y/N]" on the terminal; without a terminal refuses and points at --yes. */
    static Confirmer console() {
        return question -> {
            Console console = System.console();
            // Since JDK 22 System.console() is non-null even when stdin/stdout are redirected: ask isTerminal().
            if (console == null || !console.isTerminal()) {
                throw new AgentException(ExitCodes.REFUSED,
                        "not applying: no terminal to ask for confirmation; re-run with --yes to apply without asking");
            }
            String answer = console.readLine("%s [y/N] ", question);
            return answer != null && switch (answer.strip().toLowerCase(Locale.ROOT)) {
                case "y", "yes" -> true;
                default -> false;
            };
        };
    }
}
