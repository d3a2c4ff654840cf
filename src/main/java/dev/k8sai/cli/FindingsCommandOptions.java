package dev.k8sai.cli;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.app.ExplainRequest;
import dev.k8sai.cluster.SnapshotRequest;
import picocli.CommandLine.Option;

/** Options shared by the findings commands (analyze, audit): the source, -l, the exit code and --explain. */
final class FindingsCommandOptions {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Read a saved snapshot (kubectl get … -o yaml|json output; '-' for stdin) instead of the live cluster.")
    String file;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR",
            description = "Label selector: pods and workload controllers are listed with it; findings are kept only for objects whose labels match.")
    String selector;

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

    /** Null without --explain. */
    ExplainRequest explainRequest() {
        return explain ? new ExplainRequest(!noCache, anonymize) : null;
    }

    /** The snapshot to read: -f, else the cluster of the global options, with -l. */
    SnapshotRequest snapshot(GlobalOptions global) {
        return new SnapshotRequest(file, global.target(), selector);
    }

    int exitCode(boolean hasCritical) {
        return exitCode && hasCritical ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
