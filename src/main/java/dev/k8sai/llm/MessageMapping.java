package dev.k8sai.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.List;

/** Our provider-neutral messages and tools ↔ LangChain4j's. */
final class MessageMapping {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageMapping() {
    }

    static List<ChatMessage> toLangChain(List<LlmMessage> messages) {
        List<ChatMessage> out = new ArrayList<>(messages.size());
        for (LlmMessage m : messages) {
            out.add(switch (m) {
                case LlmMessage.System s -> SystemMessage.from(s.text());
                case LlmMessage.User u -> UserMessage.from(u.text());
                case LlmMessage.Assistant a -> assistant(a);
                case LlmMessage.ToolResult r -> ToolExecutionResultMessage.from(r.callId(), r.toolName(), r.text());
            });
        }
        return out;
    }

    private static AiMessage assistant(LlmMessage.Assistant a) {
        if (a.toolCalls().isEmpty()) {
            return AiMessage.from(a.text());
        }
        List<ToolExecutionRequest> calls = a.toolCalls().stream()
                .map(c -> ToolExecutionRequest.builder().id(c.id()).name(c.name()).arguments(c.argumentsJson()).build())
                .toList();
        return a.text().isEmpty() ? AiMessage.from(calls) : AiMessage.from(a.text(), calls);
    }

    static List<ToolCall> fromLangChain(List<ToolExecutionRequest> requests) {
        if (requests == null) {
            return List.of();
        }
        return requests.stream()
                .map(r -> new ToolCall(r.id(), r.name(), r.arguments() == null || r.arguments().isBlank() ? "{}" : r.arguments()))
                .toList();
    }

    static List<ToolSpecification> toLangChainTools(List<ToolSpec> tools) {
        return tools.stream().map(MessageMapping::toLangChain).toList();
    }

    static ToolSpecification toLangChain(ToolSpec tool) {
        ToolSpecification.Builder b = ToolSpecification.builder().name(tool.name()).description(tool.description());
        if (tool.parametersSchema() != null && !tool.parametersSchema().isBlank()) {
            JsonNode schema;
            try {
                schema = JSON.readTree(tool.parametersSchema());
            } catch (Exception e) {
                // A tool schema is written by us, not the user: a bad one is a bug.
                throw new IllegalArgumentException("tool " + tool.name() + " has an invalid JSON schema", e);
            }
            b.parameters(objectSchema(schema));
        }
        return b.build();
    }

    /*
     * Hand-written because LangChain4j 1.18 builds JsonObjectSchema from Java classes, not from JSON
     * schema text, and our tool specs are JSON text. Covers the subset tool schemas use.
     */
    private static JsonObjectSchema objectSchema(JsonNode node) {
        JsonObjectSchema.Builder b = JsonObjectSchema.builder();
        if (node.hasNonNull("description")) {
            b.description(node.get("description").asText());
        }
        JsonNode props = node.path("properties");
        props.properties().forEach(e -> b.addProperty(e.getKey(), element(e.getValue())));
        JsonNode required = node.path("required");
        if (required.isArray() && !required.isEmpty()) {
            List<String> names = new ArrayList<>();
            required.forEach(r -> names.add(r.asText()));
            b.required(names);
        }
        if (node.has("additionalProperties") && node.get("additionalProperties").isBoolean()) {
            b.additionalProperties(node.get("additionalProperties").asBoolean());
        }
        return b.build();
    }

    private static JsonSchemaElement element(JsonNode node) {
        String description = node.hasNonNull("description") ? node.get("description").asText() : null;
        if (node.has("enum") && node.get("enum").isArray()) {
            List<String> values = new ArrayList<>();
            node.get("enum").forEach(v -> values.add(v.asText()));
            return JsonEnumSchema.builder().enumValues(values).description(description).build();
        }
        if (node.has("anyOf") && node.get("anyOf").isArray()) {
            List<JsonSchemaElement> options = new ArrayList<>();
            node.get("anyOf").forEach(o -> options.add(element(o)));
            return JsonAnyOfSchema.builder().anyOf(options).description(description).build();
        }
        JsonNode typeNode = node.path("type");
        String type = typeNode.isArray() ? firstNonNullType(typeNode) : typeNode.asText("string");
        return switch (type) {
            case "object" -> objectSchema(node);
            case "array" -> JsonArraySchema.builder()
                    .items(node.has("items") ? element(node.get("items")) : JsonStringSchema.builder().build())
                    .description(description).build();
            case "integer" -> JsonIntegerSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "boolean" -> JsonBooleanSchema.builder().description(description).build();
            case "null" -> new JsonNullSchema();
            default -> JsonStringSchema.builder().description(description).build();
        };
    }

    private static String firstNonNullType(JsonNode types) {
        for (JsonNode t : types) {
            if (!"null".equals(t.asText())) {
                return t.asText();
            }
        }
        return "string";
    }
}
