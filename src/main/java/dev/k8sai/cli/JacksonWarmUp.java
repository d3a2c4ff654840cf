package dev.k8sai.cli;

import dev.k8sai.Mappers;
import java.util.Set;

/**
 * Jackson's first mapper costs a cold start about 60 ms (its classes and static set-up), and analyze
 * and audit of a snapshot file need it right after the command tree is built: to read the file and to
 * render the report. So it is built on a second core while picocli reflects on the command tree. (A live
 * run does not need this: its early connection builds the client's mapper on that core.)
 */
final class JacksonWarmUp {

    private static final Set<String> COMMANDS = Set.of("analyze", "audit");

    private JacksonWarmUp() {
    }

    /** Starts the warm-up when {@code args} may run analyze or audit (a wrong guess costs only that thread). */
    static void startFor(String... args) {
        String command = CommandPeek.command(args);
        if (command != null && COMMANDS.contains(command)) {
            Thread.ofPlatform().daemon().name("jackson-warm-up").start(JacksonWarmUp::warmUp);
        }
    }

    private static void warmUp() {
        try {
            Mappers.JSON.getFactory();
        } catch (RuntimeException | LinkageError e) {
            // the command meets the same failure where it uses the mappers, and reports it there
        }
    }
}
