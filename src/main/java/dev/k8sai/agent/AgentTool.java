package dev.k8sai.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.llm.ToolSpec;

/** A tool the agent may call. Tool-level failures come back as observations, never as exceptions. */
public interface AgentTool {

    ToolSpec spec();

    default String name() {
        return spec().name();
    }

    ToolOutcome call(JsonNode arguments);

    /** As {@link #call(JsonNode)} for the model's call {@code callId} (its own id, or "react-N" for ReAct steps). */
    default ToolOutcome call(String callId, JsonNode arguments) {
        return call(arguments);
    }
}
