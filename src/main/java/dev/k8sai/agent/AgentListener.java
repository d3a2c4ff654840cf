package dev.k8sai.agent;

/** Progress of a run, for --verbose output and spinners. Default: silent. */
public interface AgentListener {

    AgentListener SILENT = new AgentListener() { };

    default void beforeModelCall(int iteration) {
    }

    default void onEntry(TranscriptEntry entry) {
    }
}
