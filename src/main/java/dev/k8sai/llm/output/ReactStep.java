package dev.k8sai.llm.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One parsed turn of the JSON ReAct protocol ({@link ReactProtocol#parse(String, java.util.List)}). */
public sealed interface ReactStep {

    /**
     * The model wants a tool run. {@code input} is never null (an empty object when the model gave none).
     * {@code ignored} names what the model wrote next to the action and must not be believed: an
     * {@code observation} or {@code final_answer} it invented before the tool ran.
     */
    record Action(String thought, String toolName, JsonNode input, List<String> ignored) implements ReactStep {
        public Action {
            ignored = List.copyOf(ignored);
        }

        public Action(String thought, String toolName, JsonNode input) {
            this(thought, toolName, input, List.of());
        }
    }

    /** The model asked for a tool but in a shape that cannot be used; it gets {@link ReactProtocol#correction}. */
    record UnusableAction(String thought, String toolName, String input, String reason) implements ReactStep { }

    /** The model is done; {@code text} is the answer to show the user. */
    record FinalAnswer(String text) implements ReactStep { }

    /** Nothing usable: the agent may re-ask once with {@link ReactProtocol#retryMessage(String)}. */
    record Unparseable(String reason) implements ReactStep { }
}
