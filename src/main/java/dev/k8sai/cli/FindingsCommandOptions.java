package dev.k8sai.cli;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.app.ExplainRequest;
import dev.k8sai.cluster.SnapshotRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/** Options shared by the findings commands (analyze, audit): the source, -l, the exit code and --explain. */
final class FindingsCommandOptions {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Read a saved snapshot (kubectl get … -o yaml|json output; '-' for stdin) instead of the live cluster.")
    String file;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR",
            description = "Label selector: pods and workload controllers are listed with it; findings are kept only for objects whose labels match.")
    String selector;

    @Option(names = "--now", paramLabel = "TIME",
            description = "With -f: judge the snapshot at TIME (RFC 3339, e.g. 2026-12-01T10:00:00Z) instead of when it was "
                    + "taken (stdin: now; a file: its modification time).")
    String now;

    @Option(names = "--exit-code", negatable = true, defaultValue = "true", fallbackValue = "true", arity = "0..1", paramLabel = "BOOL",
            description = "Exit 1 when a critical finding exists (default: ${DEFAULT-VALUE}; --no-exit-code or --exit-code=false: exit 0).")
    boolean exitCode = true;

    @Option(names = "--explain", description = {"Ask the LLM for cause and fix of the most serious findings. Texts are "
            + "redacted before sending; answers are cached. With --dry-run: print the requests and send nothing."})
    boolean explain;

    @Option(names = "--no-cache", description = "With --explain: do not reuse cached explanations.")
    boolean noCache;

    @Option(names = "--anonymize", description = "With --explain: replace object names before they reach the LLM.")
    boolean anonymize;

    /** The combinations that make no sense, as one-line usage errors. */
    void validate(GlobalOptions global) {
        if (file != null && global.context() != null) {
            throw new AgentException(ExitCodes.USAGE, "--context and -f/--file exclude each other: a snapshot file is not a cluster");
        }
        if ((noCache || anonymize) && !explain) {
            throw new AgentException(ExitCodes.USAGE, "--no-cache and --anonymize only apply with --explain");
        }
    }

    /**
     * "-f -" with a terminal as stdin would otherwise wait silently: say what it waits for. {@code terminal}
     * is {@link PipedInput#stdinIsTerminal()} outside tests.
     */
    void announceStdin(boolean terminal, java.io.PrintWriter err) {
        if ("-".equals(file) && terminal) {
            err.println("k8s-ai-agent: reading a snapshot (kubectl get … -o yaml|json) from stdin; paste it and end with Ctrl-D");
            err.flush();
        }
    }

    /** The stderr line of a read or analysis note: "k8s-ai-agent: note: …", or a warning (a namespace that does not exist). */
    static String noteLine(String note) {
        return "k8s-ai-agent: " + (note.startsWith(dev.k8sai.cluster.LiveSnapshotSource.WARNING) ? note : "note: " + note);
    }

    /** Null without --explain. */
    ExplainRequest explainRequest() {
        return explain ? new ExplainRequest(!noCache, anonymize) : null;
    }

    /** The snapshot to read: -f, else the cluster of the global options, with -l (and --now for a file). */
    SnapshotRequest snapshot(GlobalOptions global) {
        return new SnapshotRequest(file, global.target(), selector, now == null ? null : parseTime(now));
    }

    /** RFC 3339 as kubectl prints it (Z or an offset). */
    private static Instant parseTime(String text) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new AgentException(ExitCodes.USAGE, "--now wants an RFC 3339 time such as 2026-12-01T10:00:00Z, not '" + text + "'");
        }
    }

    int exitCode(boolean hasCritical) {
        return exitCode && hasCritical ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
