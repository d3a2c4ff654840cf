package dev.k8sai.llm;

import java.util.List;

/**
 * One reply. {@code text} is exactly what the model wrote (think blocks included — parsing strips them,
 * see the output package); {@code toolCalls} are native tool calls; usage may be estimated when the
 * provider reports none.
 */
public record LlmResponse(String text, List<ToolCall> toolCalls, TokenUsage usage, String finishReason) {

    public LlmResponse {
        text = text == null ? "" : text;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        usage = usage == null ? TokenUsage.NONE : usage;
    }
}
