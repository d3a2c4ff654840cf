package dev.k8sai.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of the agent commands (execute, diagnose): transcript, extra context, compaction switch, --quiet. */
final class AgentRunOptions {

    @Option(names = "--transcript", paramLabel = "FILE", description = "Save every step (model turns, tool runs, change decisions) as JSON.")
    Path transcript;

    @Option(names = "--context-file", paramLabel = "FILE", description = "Extra context for the model (logs, notes); '-' reads stdin. Repeatable.")
    List<Path> contextFiles = new ArrayList<>();

    @Option(names = "--no-compaction", description = "Send tool outputs uncompacted (still redacted and capped).")
    boolean noCompaction;

    @Option(names = {"-q", "--quiet"}, description = "Do not show the agent's steps (the kubectl commands it runs) on stderr.")
    boolean quiet;

    /** The agent's steps go to stderr in text output unless --quiet; --verbose prints its own, fuller lines. */
    boolean showSteps(GlobalOptions global) {
        return !quiet && !global.verbose() && (global.output() == null || global.output() == GlobalOptions.OutputFormat.text);
    }
}
