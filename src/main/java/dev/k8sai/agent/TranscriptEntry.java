package dev.k8sai.agent;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.k8sai.llm.TokenUsage;
import dev.k8sai.llm.ToolCall;
import java.util.List;

/** One step of an agent run, as shown with --verbose and saved with --transcript. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TranscriptEntry.UserInput.class, name = "user"),
        @JsonSubTypes.Type(value = TranscriptEntry.ModelTurn.class, name = "model"),
        @JsonSubTypes.Type(value = TranscriptEntry.ToolRun.class, name = "tool"),
        @JsonSubTypes.Type(value = TranscriptEntry.Stop.class, name = "stop")})
public sealed interface TranscriptEntry {

    record UserInput(String text) implements TranscriptEntry { }

    /**
     * A model reply: its thinking (split off), visible text, tool calls, tokens and the provider's finish reason
     * ("length": cut at the output limit, so nothing in it was run; null when the provider gave none).
     */
    record ModelTurn(int iteration, String thinking, String text, List<ToolCall> toolCalls, TokenUsage usage,
                     String finishReason) implements TranscriptEntry {

        public boolean truncated() {
            return "length".equals(finishReason);
        }
    }

    /** A tool run: what the model sent and saw; {@code truncated} and {@code error} as the tool reported them. */
    record ToolRun(int iteration, String tool, String arguments, String observation, boolean refused, boolean truncated,
                   boolean error) implements TranscriptEntry {

        public ToolRun(int iteration, String tool, String arguments, String observation, boolean refused) {
            this(iteration, tool, arguments, observation, refused, false, false);
        }

        ToolRun(int iteration, String tool, String arguments, ToolOutcome outcome) {
            this(iteration, tool, arguments, outcome.observation(), outcome.refused(), outcome.truncated(), outcome.error());
        }
    }

    record Stop(StopReason reason, String note) implements TranscriptEntry { }
}
