package dev.k8sai.llm;

import java.util.List;

/** What one round trip sends. {@code maxOutputTokens} null means the provider default. */
public record LlmRequest(List<LlmMessage> messages, List<ToolSpec> tools, Integer maxOutputTokens) {

    public LlmRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public static LlmRequest of(List<LlmMessage> messages) {
        return new LlmRequest(messages, List.of(), null);
    }
}
