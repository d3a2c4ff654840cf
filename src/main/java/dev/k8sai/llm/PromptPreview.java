package dev.k8sai.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;

/**
 * {@code --dry-run}: prints exactly the messages and tool definitions a request would send, with a token
 * estimate, and touches no network.
 */
public final class PromptPreview {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PromptPreview() {
    }

    public static void print(LlmRequest request, String model, PrintStream out) {
        out.print(render(request, model));
        out.flush();
    }

    public static String render(LlmRequest request, String model) {
        TokenCounter counter = TokenCounter.forModel(model);
        StringBuilder sb = new StringBuilder();
        int i = 1;
        for (LlmMessage m : request.messages()) {
            sb.append("=== message ").append(i++).append(": ").append(roleOf(m)).append(" ===\n");
            if (!m.text().isEmpty()) {
                sb.append(m.text());
                if (!m.text().endsWith("\n")) {
                    sb.append('\n');
                }
            }
            if (m instanceof LlmMessage.Assistant a) {
                for (ToolCall call : a.toolCalls()) {
                    sb.append("[tool call ").append(call.id()).append("] ").append(call.name()).append(' ')
                            .append(call.argumentsJson()).append('\n');
                }
            }
        }
        if (!request.tools().isEmpty()) {
            sb.append("=== tools (").append(request.tools().size()).append(") ===\n");
            for (ToolSpec tool : request.tools()) {
                sb.append("- ").append(tool.name()).append(": ").append(tool.description()).append('\n');
                sb.append("  parameters: ").append(prettySchema(tool.parametersSchema()).replace("\n", "\n  ")).append('\n');
            }
        }
        if (request.maxOutputTokens() != null) {
            sb.append("max output tokens: ").append(request.maxOutputTokens()).append('\n');
        }
        sb.append("estimated input tokens: ").append(counter.count(request))
                .append(" (model ").append(model).append(", encoding ").append(counter.encodingName()).append(")\n");
        return sb.toString();
    }

    private static String roleOf(LlmMessage m) {
        return switch (m) {
            case LlmMessage.System s -> "system";
            case LlmMessage.User u -> "user";
            case LlmMessage.Assistant a -> "assistant";
            case LlmMessage.ToolResult r -> "tool result for " + r.toolName() + " (call " + r.callId() + ")";
        };
    }

    private static String prettySchema(String schema) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(schema));
        } catch (Exception e) {
            return schema; // show what would be sent even if it is not valid JSON
        }
    }
}
