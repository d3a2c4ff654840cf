package dev.k8sai.llm;

import java.util.List;

/** One message of a conversation, provider-neutral. */
public sealed interface LlmMessage {

    String text();

    record System(String text) implements LlmMessage { }

    record User(String text) implements LlmMessage { }

    /** A model turn: text (may be empty) and/or native tool calls. */
    record Assistant(String text, List<ToolCall> toolCalls) implements LlmMessage {
        public Assistant {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
            text = text == null ? "" : text;
        }

        public static Assistant of(String text) {
            return new Assistant(text, List.of());
        }
    }

    /** The observation for one native tool call, answered by its id. */
    record ToolResult(String callId, String toolName, String text) implements LlmMessage { }
}
