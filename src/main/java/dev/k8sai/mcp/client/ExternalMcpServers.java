package dev.k8sai.mcp.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.config.ConfigFile;
import dev.k8sai.mcp.McpJson;
import dev.k8sai.tools.ChangeGuard;
import dev.k8sai.tools.ExternalTool;
import dev.k8sai.tools.JqStage;
import dev.k8sai.tools.Tool;
import dev.k8sai.tools.ToolDefinition;
import dev.k8sai.tools.ToolResult;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The external MCP servers of the config ({@code mcpServers:}), connected for one agent run: each
 * enabled server is started (stdio) or reached (streamable HTTP), its tools are listed and those on
 * its allow-list become {@link ExternalTool}s. A server that cannot be reached is left out with a
 * note; the run goes on with the others. Closing this stops the stdio servers.
 */
public final class ExternalMcpServers implements AutoCloseable {

    static final Duration INIT_TIMEOUT = Duration.ofSeconds(20);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    /** A server that pages its tool list forever must not stall the run. */
    static final int MAX_PAGES = 20;

    /** One listed tool and the client that calls it. */
    private record Listed(String server, McpSchema.Tool tool, McpSyncClient client) {
    }

    private final Map<String, McpSyncClient> clients;
    private final List<Listed> tools;

    private ExternalMcpServers(Map<String, McpSyncClient> clients, List<Listed> tools) {
        this.clients = clients;
        this.tools = tools;
    }

    public static ExternalMcpServers none() {
        return new ExternalMcpServers(Map.of(), List.of());
    }

    /** Connects every enabled server; {@code note} gets one line per server left out. */
    public static ExternalMcpServers connect(Map<String, ConfigFile.McpServer> servers, Consumer<String> note) {
        Map<String, McpSyncClient> clients = new LinkedHashMap<>();
        List<Listed> tools = new ArrayList<>();
        servers.forEach((name, server) -> {
            if (!server.isEnabled()) {
                return;
            }
            McpSyncClient client = null;
            try {
                client = McpClient.sync(transport(server))
                        .clientInfo(new McpSchema.Implementation("k8s-ai-agent", "1"))
                        .initializationTimeout(INIT_TIMEOUT)
                        .requestTimeout(CALL_TIMEOUT)
                        .build();
                client.initialize();
                clients.put(name, client);
                McpSchema.ListToolsResult page = client.listTools();
                for (int pages = 1; ; pages++) {
                    for (McpSchema.Tool t : page.tools()) {
                        if (server.tools() == null || server.tools().contains(t.name())) {
                            tools.add(new Listed(name, t, client));
                        }
                    }
                    if (page.nextCursor() == null || pages == MAX_PAGES) {
                        break;
                    }
                    page = client.listTools(page.nextCursor());
                }
            } catch (RuntimeException e) {
                if (client != null) {
                    client.close();
                }
                note.accept("MCP server '" + name + "' left out: " + JqStage.oneLine(String.valueOf(rootMessage(e))));
            }
        });
        return new ExternalMcpServers(clients, tools);
    }

    private static McpClientTransport transport(ConfigFile.McpServer server) {
        if (server.url() != null) {
            var builder = HttpClientStreamableHttpTransport.builder(server.url()).jsonMapper(McpJson.mapper());
            if (server.headers() != null && !server.headers().isEmpty()) {
                java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder();
                server.headers().forEach(request::header);
                builder.requestBuilder(request);
            }
            return builder.build();
        }
        ServerParameters.Builder params = ServerParameters.builder(server.command());
        if (server.args() != null) {
            params.args(server.args());
        }
        if (server.env() != null) {
            params.env(server.env());
        }
        StdioClientTransport stdio = new StdioClientTransport(params.build(), McpJson.mapper());
        stdio.setStdErrorHandler(line -> { }); // a server's own log lines are not ours to print
        return stdio;
    }

    /** The tools for one run, asking {@code guard} before any tool not marked read-only. */
    public List<Tool> tools(ChangeGuard guard) {
        List<Tool> out = new ArrayList<>();
        for (Listed l : tools) {
            McpSchema.Tool t = l.tool();
            boolean readOnly = t.annotations() != null && Boolean.TRUE.equals(t.annotations().readOnlyHint());
            String schema = toJson(t.inputSchema());
            String description = "[" + (readOnly ? "read-only" : "may change things: needs confirmation") + ", MCP server "
                    + l.server() + "] " + (t.description() == null ? t.name() : t.description());
            out.add(new ExternalTool(new ToolDefinition(modelName(l.server(), t.name()), description, schema), l.server(), t.name(),
                    readOnly, (name, args) -> call(l.client(), name, args), guard));
        }
        return out;
    }

    /** Tool names the model may use: letters, digits, '_' and '-', at most 64 characters. */
    static String modelName(String server, String tool) {
        String name = (server + "_" + tool).replaceAll("[^A-Za-z0-9_-]", "_");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    private static ToolResult call(McpSyncClient client, String name, JsonNode args) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> arguments = McpJson.MAPPER.convertValue(args, Map.class);
            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(name, arguments));
            String text = text(r);
            return Boolean.TRUE.equals(r.isError()) ? ToolResult.failed(text) : ToolResult.ok(text);
        } catch (RuntimeException e) {
            return ToolResult.failed("MCP tool " + name + " failed: " + JqStage.oneLine(String.valueOf(rootMessage(e))));
        }
    }

    /** The text the model sees: text parts as they are, structured content as JSON, other parts named. */
    static String text(McpSchema.CallToolResult r) {
        StringBuilder sb = new StringBuilder();
        if (r.content() != null) {
            for (McpSchema.Content c : r.content()) {
                switch (c) {
                    case McpSchema.TextContent t -> sb.append(t.text());
                    case McpSchema.EmbeddedResource e when e.resource() instanceof McpSchema.TextResourceContents tr -> sb.append(tr.text());
                    default -> sb.append("[").append(c.type()).append(" content left out]");
                }
                sb.append('\n');
            }
        }
        if (sb.isEmpty() && r.structuredContent() != null) {
            sb.append(toJson(r.structuredContent())).append('\n');
        }
        return sb.isEmpty() ? "(no output)\n" : sb.toString();
    }

    private static String toJson(Object value) {
        try {
            return McpJson.MAPPER.writeValueAsString(value == null ? Map.of("type", "object") : value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "{\"type\":\"object\"}";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    @Override
    public void close() {
        clients.values().forEach(c -> {
            try {
                c.closeGracefully();
            } catch (RuntimeException e) {
                c.close(); // the child is ended either way
            }
        });
    }
}
