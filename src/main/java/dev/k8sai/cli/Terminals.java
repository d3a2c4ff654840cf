package dev.k8sai.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stdout or stderr is a terminal. Hand-written because the JDK has no isatty for one stream:
 * {@link System#console()} answers for stdin and stdout together, so {@code analyze --explain > out.json}
 * would get no progress on its (terminal) stderr. On Linux the descriptor's link in /proc names the
 * device; elsewhere the console's answer is the best there is.
 */
final class Terminals {

    private Terminals() {
    }

    static boolean stderr() {
        return isTerminal(2);
    }

    static boolean stdout() {
        return isTerminal(1);
    }

    private static boolean isTerminal(int fd) {
        try {
            String device = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            Console console = System.console();
            return console != null && console.isTerminal();
        }
    }
}
