package dev.k8sai.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The snapshot file an {@code analyze} or {@code audit} command line will read, found before picocli
 * parses it, so the file can be read meanwhile ({@link dev.k8sai.cluster.EarlySnapshotFile}). Only a
 * guess: the early read is used only by a read of exactly that file, so a command line this does not
 * understand costs the head start, never correctness.
 */
final class SnapshotFileFlag {

    private static final Set<String> READING = Set.of("analyze", "audit");

    private SnapshotFileFlag() {
    }

    /** The file of {@code -f FILE}, {@code --file FILE} or {@code --file=FILE} of analyze or audit; null otherwise (and for stdin). */
    static Path peek(String... args) {
        String command = CommandPeek.command(args);
        String file = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--".equals(arg)) {
                break;
            }
            if (("-f".equals(arg) || "--file".equals(arg)) && i + 1 < args.length) {
                file = args[++i];
            } else if (arg.startsWith("--file=")) {
                file = arg.substring("--file=".length());
            }
        }
        if (command == null || !READING.contains(command) || file == null || file.isEmpty() || "-".equals(file)) {
            return null;
        }
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            return null; // reported by the read
        }
    }
}
