package dev.k8sai.mcp;

import dev.k8sai.AgentException;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.function.Function;

/**
 * One tool this server offers, independent of the transport: its definition with annotations and a
 * handler of (context, arguments). The stdio server and the HTTP endpoint adapt the same instances,
 * so a tool is defined once.
 */
public record ServedTool(McpSchema.Tool tool, Handler handler) {

    /** What a tool may do, as MCP annotations tell a client. */
    enum Access { READ, READ_WITH_LLM, MAY_CHANGE }

    /** A tool's work: the call's context and its arguments in, a result out. */
    @FunctionalInterface
    interface Handler {
        McpSchema.CallToolResult call(ToolContext context, Map<String, Object> args);
    }

    static ServedTool of(String name, String title, String description, String inputSchema, Access access, Handler handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder()
                .name(name)
                .title(title)
                .description(description)
                .inputSchema(McpJson.mapper(), inputSchema)
                .annotations(new McpSchema.ToolAnnotations(title, access != Access.MAY_CHANGE, access == Access.MAY_CHANGE,
                        access != Access.MAY_CHANGE, access == Access.READ_WITH_LLM, null))
                .build();
        return new ServedTool(tool, handler);
    }

    /** For a session-based server (stdio): the context comes from the client's exchange. */
    public McpServerFeatures.SyncToolSpecification onSession(Function<McpSyncServerExchange, ToolContext> context) {
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(tool)
                .callHandler((exchange, request) -> run(() -> context.apply(exchange), request))
                .build();
    }

    /** For the stateless server behind HTTP: the context comes from the transport (the request's user and session). */
    public McpStatelessServerFeatures.SyncToolSpecification stateless(Function<McpTransportContext, ToolContext> context) {
        return McpStatelessServerFeatures.SyncToolSpecification.builder()
                .tool(tool)
                .callHandler((transport, request) -> run(() -> context.apply(transport), request))
                .build();
    }

    private McpSchema.CallToolResult run(java.util.function.Supplier<ToolContext> context, McpSchema.CallToolRequest request) {
        try {
            return handler.call(context.get(), request.arguments() == null ? Map.of() : request.arguments());
        } catch (AgentException | TokenBudget.Spent e) {
            return error(e.getMessage());
        } catch (RuntimeException e) {
            // one line for the client, as the CLI would print it; never a stack trace in the protocol
            return error(tool.name() + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
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
