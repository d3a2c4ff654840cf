package dev.k8sai.llm.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.k8sai.llm.ToolSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JSON ReAct fallback for models without native tool calling: each model turn is one JSON object,
 * either {"thought": …, "action": {"name": …, "input": {…}}} or {"thought": …, "final_answer": …};
 * tool results come back as a user message "Observation: …".
 * <p>
 * {@link #parse(String, List)} is forgiving because small and local models drift from any format: it
 * accepts "action": "name" with "action_input", "tool"/"arguments"/"args"/"parameters" synonyms, an
 * OpenAI-style {"name", "arguments"} object, GLM's tool name on a line before the arguments, the text
 * form "Action: … / Action Input: …", LangChain's {"action": "Final Answer", "action_input": …}, and
 * "answer"/"final"/"response" for the final answer. An action's input may be a string
 * ({@link ActionInputs}). A reply that carries an action is an action: an "observation" or
 * "final_answer" the model invented beside it is dropped. A reply that is plain prose is taken as the
 * final answer, so a model that simply answers costs no extra round trip.
 */
public final class ReactProtocol {

    private static final String[] THOUGHT_KEYS = {"thought", "thoughts", "thinking", "reasoning"};
    private static final String[] FINAL_KEYS = {"final_answer", "finalAnswer", "final answer", "answer", "final", "response"};
    /** What a model invents beside its action: never believed, never shown. */
    private static final String[] INVENTED_KEYS = {"observation", "Observation", "observations", "final_answer", "finalAnswer",
            "final answer", "answer"};
    private static final String[] NAME_KEYS = {"name", "tool", "tool_name", "toolName", "function"};
    private static final String[] INPUT_KEYS = {"input", "action_input", "actionInput", "arguments", "args", "parameters", "params", "tool_input"};
    /** A quoted "action" key (prose like "Recommended action: …" must stay an answer), or the ReAct-only keys. */
    private static final Pattern LOOKS_LIKE_ACTION = Pattern.compile("[\"'](action|tool_name|action_input)[\"']\\s*:|\\b(tool_name|action_input)\\s*:");
    /** The text ReAct of Qwen's and LangChain's prompts: "Action: kubectl" then "Action Input: get pods". */
    private static final Pattern TEXT_ACTION = Pattern.compile("(?im)^[ \\t*]*Action[ \\t*]*:[ \\t*]*`?([\\w.-]+)`?[ \\t]*$");
    private static final Pattern TEXT_INPUT = Pattern.compile(
            "(?ims)^[ \\t*]*Action[ _]Input[ \\t*]*:[ \\t*]*(.*?)\\s*(?=^[ \\t*]*(?:Observation|Thought|Final[ _]Answer)[ \\t*]*:|\\z)");
    private static final Pattern TEXT_THOUGHT = Pattern.compile("(?im)^[ \\t*]*Thought[ \\t*]*:[ \\t*]*(.+)$");
    private static final Pattern TEXT_FINAL = Pattern.compile("(?ims)^[ \\t*]*Final[ _]Answer[ \\t*]*:[ \\t*]*(.*)");

    private ReactProtocol() {
    }

    /** The system-prompt section describing the protocol and the tools (append to the task's own system prompt). */
    public static String systemPrompt(List<ToolSpec> tools) {
        StringBuilder sb = new StringBuilder();
        sb.append("""
                You can use tools. Reply with exactly ONE JSON object and nothing else (no prose outside it), \
                in one of these two shapes.

                To call a tool, this exact shape ("input" is an object holding the tool's arguments):
                """);
        sb.append(tools.isEmpty() ? "{\"thought\": \"why this step, briefly\", \"action\": {\"name\": \"<tool>\", \"input\": {}}}"
                : ActionInputs.acceptedForm(tools.getFirst()));
        sb.append("""


                When you have enough information to answer:
                {"thought": "brief summary of the reasoning", "final_answer": "<the complete answer for the user>"}

                Rules:
                - One action per reply, then stop. Do not write an "observation" or a "final_answer" beside an \
                action: the tool runs after your reply and its real result comes in the next message, starting \
                with "Observation"; anything you guess in advance is ignored. Then reply again with one JSON object.
                - Use only the tools listed below, with their exact names.
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
        return observation(toolName, result, List.of());
    }

    /** As {@link #observation(String, String)}, telling the model that what it invented beside its action was dropped. */
    public static String observation(String toolName, String result, List<String> ignored) {
        String note = ignored.isEmpty() ? ""
                : "(The " + ignored.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(" and "))
                        + " you wrote before the tool ran were ignored; this is the real result.)\n";
        return "Observation (" + toolName + "):\n" + note + (result == null ? "" : result);
    }

    /**
     * The observation for an {@link ReactStep.UnusableAction}: why it did not run and, when {@code quoteForm},
     * the accepted shape for that tool (or the first tool). The agent quotes it once, so repeated mistakes
     * do not pile it up in the conversation.
     */
    public static String correction(ReactStep.UnusableAction bad, List<ToolSpec> tools, boolean quoteForm) {
        String head = "Observation: your action was not run: " + bad.reason() + ".";
        if (!quoteForm || tools.isEmpty()) {
            return head + " Use the action shape quoted before, one action per reply.";
        }
        ToolSpec tool = find(tools, bad.toolName()).orElse(tools.getFirst());
        return head + " Reply with one action in exactly this shape, then wait for the real observation:\n"
                + ActionInputs.acceptedForm(tool);
    }

    /** An action as the protocol writes it: what the history keeps instead of the model's own wording. */
    public static String canonical(ReactStep.Action action) {
        ObjectNode act = JsonNodeFactory.instance.objectNode().put("name", action.toolName());
        act.set("input", action.input());
        ObjectNode reply = JsonNodeFactory.instance.objectNode();
        if (!action.thought().isBlank()) {
            reply.put("thought", action.thought());
        }
        reply.set("action", act);
        return reply.toString();
    }

    /** The user message asking again after an {@link ReactStep.Unparseable} reply. */
    public static String retryMessage(String reason) {
        return "Your last reply could not be used (" + reason + "). Reply with exactly one JSON object: "
                + "{\"thought\": …, \"action\": {\"name\": …, \"input\": {…}}} or {\"thought\": …, \"final_answer\": …}.";
    }

    /** Parses without knowing the tools: action inputs get only the shape-independent repairs. */
    public static ReactStep parse(String replyText) {
        return parse(replyText, List.of());
    }

    /**
     * Parses one reply. With the offered {@code tools}, an action's input becomes the tool's argument
     * object ({@link ActionInputs}), and an action for a tool not offered is an {@link ReactStep.UnusableAction}.
     */
    public static ReactStep parse(String replyText, List<ToolSpec> tools) {
        ThinkBlocks.Split split = ThinkBlocks.split(replyText == null ? "" : replyText);
        String visible = split.visible();
        if (visible.isEmpty()) {
            return new ReactStep.Unparseable(split.hasThinking() ? "the reply held only thinking, no answer" : "empty reply");
        }
        Optional<ReactStep> textual = textAction(visible, tools);
        if (textual.isPresent()) {
            return textual.get();
        }
        Optional<JsonNode> json = JsonExtraction.extract(visible);
        if (json.isPresent() && json.get().isObject()) {
            ReactStep step = fromObject(json.get(), visible, tools);
            if (step != null) {
                return step;
            }
        }
        // A tool call whose JSON is broken (or only an inner fragment parsed) must not be shown as the answer.
        if (LOOKS_LIKE_ACTION.matcher(visible).find()) {
            return new ReactStep.Unparseable("it looks like a tool call but its JSON is malformed");
        }
        Matcher fin = TEXT_FINAL.matcher(visible);
        return new ReactStep.FinalAnswer(fin.find() && !fin.group(1).isBlank() ? fin.group(1).strip() : visible);
    }

    /** "Action: kubectl / Action Input: get pods", and GLM's tool name on a line followed by the arguments' JSON. */
    private static Optional<ReactStep> textAction(String visible, List<ToolSpec> tools) {
        Matcher action = TEXT_ACTION.matcher(visible);
        if (action.find()) {
            Matcher input = TEXT_INPUT.matcher(visible);
            if (input.find(action.end())) {
                Matcher thought = TEXT_THOUGHT.matcher(visible);
                String t = thought.find() && thought.start() < action.start() ? thought.group(1).strip() : "";
                return Optional.of(finalOrAction(t, action.group(1), TextNode.valueOf(input.group(1)), visible, tools, List.of()));
            }
        }
        int newline = visible.indexOf('\n');
        if (newline > 0 && find(tools, visible.substring(0, newline).strip()).isPresent()) {
            Optional<JsonNode> args = JsonExtraction.parseLenient(visible.substring(newline + 1));
            if (args.isPresent() && args.get().isObject()) {
                return Optional.of(finalOrAction("", visible.substring(0, newline).strip(), args.get(), visible, tools, List.of()));
            }
        }
        return Optional.empty();
    }

    private static ReactStep fromObject(JsonNode obj, String visible, List<ToolSpec> tools) {
        String thought = firstText(obj, THOUGHT_KEYS);
        if (thought.isEmpty()) {
            thought = proseBeforeJson(visible);
        }
        JsonNode action = obj.get("action");
        if (action == null || action.isNull()) {
            action = obj.get("tool_call");
        }
        List<String> invented = Arrays.stream(INVENTED_KEYS).filter(obj::hasNonNull).toList();
        if (action != null && action.isObject()) {
            String name = firstText(action, NAME_KEYS);
            if (!name.isEmpty()) {
                JsonNode input = first(action, INPUT_KEYS);
                if (input == null) {
                    input = first(obj, INPUT_KEYS);
                }
                if (input == null) {
                    input = siblings(action);
                }
                return finalOrAction(thought, name, input, visible, tools, invented);
            }
        } else if (action != null && action.isTextual() && !action.asText().isBlank()) {
            String name = action.asText().trim();
            JsonNode input = first(obj, INPUT_KEYS);
            if (input == null) {
                // {"action": "kubectl", "command": "get pods"}: the tool's own parameters at the top level
                input = declaredMembers(obj, find(tools, name));
            }
            return finalOrAction(thought, name, input, visible, tools, invented);
        }
        JsonNode fin = first(obj, FINAL_KEYS);
        if (fin != null && !fin.isNull()) {
            return new ReactStep.FinalAnswer(fin.isTextual() ? fin.asText() : fin.toPrettyString());
        }
        // OpenAI-style function call written as text: {"name": "...", "arguments": {...}}
        String bareName = firstText(obj, new String[] {"name", "tool", "tool_name"});
        JsonNode bareInput = first(obj, new String[] {"arguments", "parameters", "input", "args"});
        if (!bareName.isEmpty() && bareInput != null && obj.size() <= 3) {
            return finalOrAction(thought, bareName, bareInput, visible, tools, List.of());
        }
        return null;
    }

    private static ReactStep finalOrAction(String thought, String name, JsonNode input, String visible,
                                           List<ToolSpec> tools, List<String> invented) {
        String normalised = name.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "");
        if (normalised.equals("finalanswer") || normalised.equals("answer")) {
            String text = input == null || input.isNull() ? visible
                    : input.isTextual() ? input.asText()
                    : input.isObject() && input.size() == 1 && input.elements().next().isTextual()
                            ? input.elements().next().asText()
                            : input.toPrettyString();
            return new ReactStep.FinalAnswer(text);
        }
        Optional<ToolSpec> tool = find(tools, name);
        String inputText = input == null ? "" : input.isTextual() ? input.asText() : input.toString();
        if (tool.isEmpty() && !tools.isEmpty()) {
            return new ReactStep.UnusableAction(thought, name, inputText, "there is no tool named '" + name
                    + "' (the tools are: " + tools.stream().map(ToolSpec::name).collect(Collectors.joining(", ")) + ")");
        }
        return switch (ActionInputs.arguments(tool, input)) {
            case ActionInputs.Result.Arguments a -> new ReactStep.Action(thought, tool.map(ToolSpec::name).orElse(name), a.value(), invented);
            case ActionInputs.Result.Refused r -> new ReactStep.UnusableAction(thought, name, inputText, r.reason());
        };
    }

    /** A tool by its exact name, else ignoring case ("Kubectl"). */
    private static Optional<ToolSpec> find(List<ToolSpec> tools, String name) {
        return tools.stream().filter(t -> t.name().equals(name)).findFirst()
                .or(() -> tools.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst());
    }

    /** {"name": "kubectl", "command": "get pods"}: the members beside the name are the arguments (null if none). */
    private static JsonNode siblings(JsonNode action) {
        Set<String> names = Set.of(NAME_KEYS);
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        action.properties().forEach(e -> {
            if (!names.contains(e.getKey())) {
                args.set(e.getKey(), e.getValue());
            }
        });
        return args.isEmpty() ? null : args;
    }

    /** The members of the reply that the tool's schema declares as parameters (null if none). */
    private static JsonNode declaredMembers(JsonNode obj, Optional<ToolSpec> tool) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        tool.map(ActionInputs::declaredParameters).orElse(Set.of()).forEach(name -> {
            if (obj.has(name)) {
                args.set(name, obj.get(name));
            }
        });
        return args.isEmpty() ? null : args;
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
