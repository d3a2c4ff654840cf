package dev.k8sai.tools;

import dev.k8sai.llm.ToolCall;

/**
 * One call of a tool by the model. {@code argumentsJson} is the JSON object text the model produced
 * (in ReAct mode the agent builds it from the parsed action).
 */
public record ToolInvocation(String callId, String toolName, String argumentsJson) {

    public static ToolInvocation of(ToolCall call) {
        return new ToolInvocation(call.id(), call.name(), call.argumentsJson());
    }
}
