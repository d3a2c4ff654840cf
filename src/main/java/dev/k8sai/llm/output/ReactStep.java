package dev.k8sai.llm.output;

import com.fasterxml.jackson.databind.JsonNode;

/** One parsed turn of the JSON ReAct protocol ({@link ReactProtocol#parse(String)}). */
public sealed interface ReactStep {

    /** The model wants a tool run. {@code input} is never null (an empty object when the model gave none). */
    record Action(String thought, String toolName, JsonNode input) implements ReactStep { }

    /** The model is done; {@code text} is the answer to show the user. */
    record FinalAnswer(String text) implements ReactStep { }

    /** Nothing usable: the agent may re-ask once with {@link ReactProtocol#retryMessage(String)}. */
    record Unparseable(String reason) implements ReactStep { }
}
