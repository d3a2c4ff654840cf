package dev.k8sai.mcp;

import dev.k8sai.AgentException;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.function.BiFunction;

/** Building blocks of the tools this server offers: definition with annotations, text results. */
final class ServedTool {

    /** What a tool may do, as MCP annotations tell a client. */
    enum Access { READ, READ_WITH_LLM, MAY_CHANGE }

    private ServedTool() {
    }

    static McpServerFeatures.SyncToolSpecification of(String name, String title, String description, String inputSchema,
                                                      Access access,
                                                      BiFunction<McpSyncServerExchange, Map<String, Object>, McpSchema.CallToolResult> handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder()
                .name(name)
                .title(title)
                .description(description)
                .inputSchema(McpJson.mapper(), inputSchema)
                .annotations(new McpSchema.ToolAnnotations(title, access != Access.MAY_CHANGE, access == Access.MAY_CHANGE,
                        access != Access.MAY_CHANGE, access == Access.READ_WITH_LLM, null))
                .build();
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(tool)
                .callHandler((exchange, request) -> {
                    try {
                        return handler.apply(exchange, request.arguments() == null ? Map.of() : request.arguments());
                    } catch (AgentException e) {
                        return error(e.getMessage());
                    } catch (RuntimeException e) {
                        // one line for the client, as the CLI would print it; never a stack trace on stdout
                        return error(name + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                    }
                })
                .build();
    }

    static McpSchema.CallToolResult text(String text, boolean isError) {
        return McpSchema.CallToolResult.builder().addTextContent(text).isError(isError).build();
    }

    static McpSchema.CallToolResult error(String message) {
        return text(message, true);
    }

    static String string(Map<String, Object> args, String key) {
        Object v = args.get(key);
        return v instanceof String s && !s.isBlank() ? s : null;
    }

    static boolean bool(Map<String, Object> args, String key) {
        return Boolean.TRUE.equals(args.get(key));
    }
}
