package dev.k8sai.llm.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.k8sai.llm.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the input a model wrote for an action into the argument object its tool takes, reading the
 * tool's JSON Schema. Models write {"input": "get pods -A"} as often as {"input": {"command": …}}:
 * a plain string is the tool's one required string parameter. The value of that parameter is then
 * brought into the tool's form from the command-line form models imitate: kubectl without the
 * program name gets it, {@code jq -r '.x'} is the filter {@code .x} with raw output,
 * {@code trivy image nginx:1.25} is the image, fenced Python is its code. The tool names here are the
 * programs the models imitate; a tool of another name gets only the generic rule.
 */
public final class ActionInputs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FENCED = Pattern.compile("\\A```[\\w+-]*[ \\t]*\\r?\\n(.*?)\\n?```\\s*\\z", Pattern.DOTALL);
    private static final Pattern EXAMPLE = Pattern.compile("\\be\\.g\\.\\s+(.+)$");

    /** The argument object, or why the input cannot be one (quoted back to the model with the accepted form). */
    public sealed interface Result {
        record Arguments(ObjectNode value) implements Result { }

        record Refused(String reason) implements Result { }
    }

    private ActionInputs() {
    }

    /** Without a schema (unknown tool) only the shape-independent repairs apply; the tool itself then judges. */
    public static Result arguments(Optional<ToolSpec> tool, JsonNode input) {
        if (input == null || input.isNull() || input.isMissingNode()) {
            return new Result.Arguments(JsonNodeFactory.instance.objectNode());
        }
        Optional<String> single = tool.flatMap(ActionInputs::singleRequiredString);
        String toolName = tool.map(ToolSpec::name).orElse("");
        if (input.isTextual()) {
            Optional<JsonNode> inner = JsonExtraction.parseLenient(input.asText());
            if (inner.isPresent() && inner.get().isObject()) {
                return arguments(tool, inner.get());
            }
            if (single.isPresent()) {
                ObjectNode args = JsonNodeFactory.instance.objectNode();
                putNatural(toolName, single.get(), input.asText(), args);
                return new Result.Arguments(args);
            }
            if (tool.isEmpty()) {
                return new Result.Refused("the input must be a JSON object");
            }
            return new Result.Refused("a plain string cannot be the input of " + toolName
                    + ", which takes an object with " + String.join(", ", required(tool.get())));
        }
        if (!input.isObject()) {
            return new Result.Refused("the input must be a JSON object, not " + input.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        ObjectNode args = ((ObjectNode) input).deepCopy();
        if (single.isPresent()) {
            String param = single.get();
            JsonNode value = args.get(param);
            if (value == null) {
                // {"cmd": "get pods"}: one string under a name the schema does not know is the parameter
                Optional<String> stray = soleUndeclaredString(args, tool.get());
                if (stray.isPresent()) {
                    value = args.remove(stray.get());
                }
            }
            if (value != null && value.isTextual()) {
                args.remove(param);
                putNatural(toolName, param, value.asText(), args);
            }
        }
        return new Result.Arguments(args);
    }

    /** The accepted action for this tool, as the model must write it (system prompt and corrections). */
    public static String acceptedForm(ToolSpec tool) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        JsonNode properties = schema(tool).path("properties");
        for (String name : required(tool)) {
            String description = properties.path(name).path("description").asText("");
            Matcher m = EXAMPLE.matcher(description);
            input.put(name, m.find() ? m.group(1).strip() : "<" + name + ">");
        }
        ObjectNode action = JsonNodeFactory.instance.objectNode().put("name", tool.name());
        action.set("input", input);
        ObjectNode reply = JsonNodeFactory.instance.objectNode().put("thought", "why this step, briefly");
        reply.set("action", action);
        return reply.toString();
    }

    /** The name of the tool's one required parameter when it is a string (kubectl's command, jq's filter …). */
    static Optional<String> singleRequiredString(ToolSpec tool) {
        List<String> required = required(tool);
        if (required.size() != 1) {
            return Optional.empty();
        }
        String type = schema(tool).path("properties").path(required.getFirst()).path("type").asText("string");
        return type.equals("string") ? Optional.of(required.getFirst()) : Optional.empty();
    }

    /** The parameter names the tool's schema declares. */
    static Set<String> declaredParameters(ToolSpec tool) {
        Set<String> names = new LinkedHashSet<>();
        schema(tool).path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> required(ToolSpec tool) {
        List<String> names = new ArrayList<>();
        schema(tool).path("required").forEach(n -> names.add(n.asText()));
        return names;
    }

    private static JsonNode schema(ToolSpec tool) {
        try {
            return tool.parametersSchema() == null ? JsonNodeFactory.instance.objectNode() : JSON.readTree(tool.parametersSchema());
        } catch (Exception e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    private static Optional<String> soleUndeclaredString(ObjectNode args, ToolSpec tool) {
        JsonNode properties = schema(tool).path("properties");
        List<String> stray = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : args.properties()) {
            if (!properties.has(e.getKey())) {
                if (!e.getValue().isTextual()) {
                    return Optional.empty();
                }
                stray.add(e.getKey());
            }
        }
        return stray.size() == 1 ? Optional.of(stray.getFirst()) : Optional.empty();
    }

    private static void putNatural(String toolName, String param, String raw, ObjectNode args) {
        String text = unwrap(raw.strip());
        switch (toolName) {
            case "kubectl" -> {
                String line = text.startsWith("$ ") ? text.substring(2).strip() : text;
                args.put(param, line.equals("kubectl") || line.startsWith("kubectl ") ? line : "kubectl " + line);
            }
            case "jq" -> putJq(param, text, args);
            case "trivy" -> args.put(param, trivyImage(text));
            default -> args.put(param, text);
        }
    }

    /** "jq -r '.items[].metadata.name'" → filter ".items[].metadata.name", raw true; a bare expression stays as is. */
    private static void putJq(String param, String text, ObjectNode args) {
        String rest = text;
        if (rest.equals("jq") || rest.startsWith("jq ")) {
            rest = rest.substring(2).strip();
            while (rest.startsWith("-")) {
                int end = rest.indexOf(' ');
                String flag = end < 0 ? rest : rest.substring(0, end);
                if (flag.equals("-r") || flag.equals("--raw-output")) {
                    if (!args.has("raw")) {
                        args.put("raw", true);
                    }
                }
                rest = end < 0 ? "" : rest.substring(end).strip();
            }
            rest = unquote(rest);
        }
        args.put(param, rest);
    }

    /** "trivy image --severity HIGH nginx:1.25" → "nginx:1.25"; a bare reference stays as is. */
    private static String trivyImage(String text) {
        String[] words = text.split("\\s+");
        if (words.length == 1) {
            return text;
        }
        for (int i = words.length - 1; i >= 0; i--) {
            String w = words[i];
            if (!w.startsWith("-") && !w.equals("trivy") && !w.equals("image") && (i == 0 || !takesValue(words[i - 1]))) {
                return unquote(w);
            }
        }
        return text;
    }

    private static boolean takesValue(String flag) {
        return flag.startsWith("--") ? !flag.contains("=") && !flag.equals("--quiet") && !flag.equals("--no-progress")
                : flag.length() == 2 && flag.charAt(0) == '-' && flag.charAt(1) != 'q';
    }

    /** A fenced block or `inline code` around the whole value is the model's markdown, not part of it. */
    private static String unwrap(String text) {
        Matcher fenced = FENCED.matcher(text);
        if (fenced.matches()) {
            return fenced.group(1).strip();
        }
        if (text.length() > 2 && text.startsWith("`") && text.endsWith("`") && text.indexOf('`', 1) == text.length() - 1) {
            return text.substring(1, text.length() - 1).strip();
        }
        return text;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
