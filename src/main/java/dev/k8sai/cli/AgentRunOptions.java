package dev.k8sai.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of the agent commands (execute, diagnose): transcript, extra context, compaction switch. */
final class AgentRunOptions {

    @Option(names = "--transcript", paramLabel = "FILE", description = "Save every step (model turns, tool runs, change decisions) as JSON.")
    Path transcript;

    @Option(names = "--context-file", paramLabel = "FILE", description = "Extra context for the model (logs, notes); '-' reads stdin. Repeatable.")
    List<Path> contextFiles = new ArrayList<>();

    @Option(names = "--no-compaction", description = "Send tool outputs uncompacted (still redacted and capped).")
    boolean noCompaction;
}
