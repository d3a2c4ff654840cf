package dev.k8sai.llm.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.k8sai.llm.ToolSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The JSON ReAct fallback for models without native tool calling: each model turn is one JSON object,
 * either {"thought": …, "action": {"name": …, "input": {…}}} or {"thought": …, "final_answer": …};
 * tool results come back as a user message "Observation: …".
 * <p>
 * {@link #parse(String)} is forgiving because small and local models drift from any format: it accepts
 * "action": "name" with "action_input", "tool"/"arguments"/"args"/"parameters" synonyms, an OpenAI-style
 * {"name", "arguments"} object, LangChain's {"action": "Final Answer", "action_input": …}, and
 * "answer"/"final"/"response" for the final answer. A reply that is plain prose is taken as the final
 * answer, so a model that simply answers costs no extra round trip.
 */
public final class ReactProtocol {

    private static final String[] THOUGHT_KEYS = {"thought", "thoughts", "thinking", "reasoning"};
    private static final String[] FINAL_KEYS = {"final_answer", "finalAnswer", "final answer", "answer", "final", "response"};
    private static final String[] NAME_KEYS = {"name", "tool", "tool_name", "toolName", "function"};
    private static final String[] INPUT_KEYS = {"input", "action_input", "actionInput", "arguments", "args", "parameters", "params", "tool_input"};
    /** A quoted "action" key (prose like "Recommended action: …" must stay an answer), or the ReAct-only keys. */
    private static final Pattern LOOKS_LIKE_ACTION = Pattern.compile("[\"'](action|tool_name|action_input)[\"']\\s*:|\\b(tool_name|action_input)\\s*:");

    private ReactProtocol() {
    }

    /** The system-prompt section describing the protocol and the tools (append to the task's own system prompt). */
    public static String systemPrompt(List<ToolSpec> tools) {
        StringBuilder sb = new StringBuilder();
        sb.append("""
                You can use tools. Reply with exactly ONE JSON object and nothing else (no prose outside it), \
                in one of these two forms:

                To call a tool:
                {"thought": "why this tool, briefly", "action": {"name": "<tool name>", "input": {<arguments as described by the tool's JSON Schema>}}}

                When you have enough information to answer:
                {"thought": "brief summary of the reasoning", "final_answer": "<the complete answer for the user>"}

                Rules:
                - One action per reply. After each action you will receive a message starting with "Observation:" \
                holding the tool's result; then reply again with one JSON object.
                - Use only the tools listed below, with their exact names. Never invent an observation.
                - Strings must be valid JSON strings (escape quotes and newlines).

                Tools:
                """);
        for (ToolSpec tool : tools) {
            sb.append("- ").append(tool.name()).append(": ").append(oneLine(tool.description())).append('\n');
            sb.append("  input schema: ").append(tool.parametersSchema() == null ? "{}" : oneLine(tool.parametersSchema()))
                    .append('\n');
        }
        return sb.toString();
    }

    /** The user message carrying a tool result back to the model. */
    public static String observation(String toolName, String result) {
        return "Observation (" + toolName + "):\n" + (result == null ? "" : result);
    }

    /** The user message asking again after an {@link ReactStep.Unparseable} reply. */
    public static String retryMessage(String reason) {
        return "Your last reply could not be used (" + reason + "). Reply with exactly one JSON object: "
                + "{\"thought\": …, \"action\": {\"name\": …, \"input\": {…}}} or {\"thought\": …, \"final_answer\": …}.";
    }

    public static ReactStep parse(String replyText) {
        ThinkBlocks.Split split = ThinkBlocks.split(replyText == null ? "" : replyText);
        String visible = split.visible();
        if (visible.isEmpty()) {
            return new ReactStep.Unparseable(split.hasThinking() ? "the reply held only thinking, no answer" : "empty reply");
        }
        Optional<JsonNode> json = JsonExtraction.extract(visible);
        if (json.isPresent() && json.get().isObject()) {
            ReactStep step = fromObject(json.get(), visible);
            if (step != null) {
                return step;
            }
        }
        // A tool call whose JSON is broken (or only an inner fragment parsed) must not be shown as the answer.
        if (LOOKS_LIKE_ACTION.matcher(visible).find()) {
            return new ReactStep.Unparseable("it looks like a tool call but its JSON is malformed");
        }
        return new ReactStep.FinalAnswer(visible);
    }

    private static ReactStep fromObject(JsonNode obj, String visible) {
        String thought = firstText(obj, THOUGHT_KEYS);
        if (thought.isEmpty()) {
            thought = proseBeforeJson(visible);
        }
        JsonNode action = obj.get("action");
        if (action == null || action.isNull()) {
            action = obj.get("tool_call");
        }
        if (action != null && action.isObject()) {
            String name = firstText(action, NAME_KEYS);
            if (!name.isEmpty()) {
                JsonNode input = first(action, INPUT_KEYS);
                if (input == null) {
                    input = first(obj, INPUT_KEYS);
                }
                return finalOrAction(thought, name, input, visible);
            }
        } else if (action != null && action.isTextual() && !action.asText().isBlank()) {
            return finalOrAction(thought, action.asText().trim(), first(obj, INPUT_KEYS), visible);
        }
        JsonNode fin = first(obj, FINAL_KEYS);
        if (fin != null && !fin.isNull()) {
            return new ReactStep.FinalAnswer(fin.isTextual() ? fin.asText() : fin.toPrettyString());
        }
        // OpenAI-style function call written as text: {"name": "...", "arguments": {...}}
        String bareName = firstText(obj, new String[] {"name", "tool", "tool_name"});
        JsonNode bareInput = first(obj, new String[] {"arguments", "parameters", "input", "args"});
        if (!bareName.isEmpty() && bareInput != null && obj.size() <= 3) {
            return finalOrAction(thought, bareName, bareInput, visible);
        }
        return null;
    }

    private static ReactStep finalOrAction(String thought, String name, JsonNode input, String visible) {
        String normalised = name.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "");
        if (normalised.equals("finalanswer") || normalised.equals("answer")) {
            String text = input == null || input.isNull() ? visible
                    : input.isTextual() ? input.asText()
                    : input.isObject() && input.size() == 1 && input.elements().next().isTextual()
                            ? input.elements().next().asText()
                            : input.toPrettyString();
            return new ReactStep.FinalAnswer(text);
        }
        return new ReactStep.Action(thought, name, normaliseInput(input));
    }

    /** Tools take objects: absent → {}, a JSON string holding an object → that object, other scalars kept as is. */
    private static JsonNode normaliseInput(JsonNode input) {
        if (input == null || input.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (input.isTextual()) {
            Optional<JsonNode> inner = JsonExtraction.parseLenient(input.asText());
            if (inner.isPresent() && inner.get().isObject()) {
                return inner.get();
            }
        }
        return input;
    }

    /** llama-style "I will describe the pod. {…}": the lead-in prose is the thought. */
    private static String proseBeforeJson(String visible) {
        int brace = visible.indexOf('{');
        int fence = visible.indexOf("```");
        int cut = brace < 0 ? fence : fence < 0 ? brace : Math.min(brace, fence);
        return cut <= 0 ? "" : visible.substring(0, cut).trim();
    }

    private static JsonNode first(JsonNode obj, String[] keys) {
        for (String k : keys) {
            JsonNode v = obj.get(k);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String firstText(JsonNode obj, String[] keys) {
        JsonNode v = first(obj, keys);
        return v == null || v.isNull() ? "" : v.isTextual() ? v.asText().trim() : v.toString();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\n\\s*", " ").trim();
    }
}
