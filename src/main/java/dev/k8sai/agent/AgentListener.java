package dev.k8sai.agent;

/** Progress of a run, for --verbose output and spinners. Default: silent. */
public interface AgentListener {

    AgentListener SILENT = new AgentListener() { };

    default void beforeModelCall(int iteration) {
    }

    default void onEntry(TranscriptEntry entry) {
    }

    /**
     * A note for the person about the run itself, not a step of it (a configured MCP server that could
     * not be started, so its tools are missing). The front end shows it: stderr, the run's event stream.
     */
    default void onNote(String note) {
    }
}
