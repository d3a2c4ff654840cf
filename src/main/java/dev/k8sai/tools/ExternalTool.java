package dev.k8sai.tools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool of an external MCP server (config {@code mcpServers:}), offered to the model as
 * {@code <server>_<tool>}. Its output becomes an observation through the {@link Toolbox} like
 * kubectl's: compacted and redacted. A tool its server does not mark read-only (MCP's readOnlyHint)
 * is a change: the {@link ChangeGuard} asks as for a kubectl write, and refuses under --read-only.
 *
 * @param definition what the model is offered (the server's description and input schema)
 * @param server     the configured server name
 * @param remoteName the tool's name on its server
 * @param readOnly   the server marked it readOnlyHint=true
 */
public record ExternalTool(ToolDefinition definition, String server, String remoteName, boolean readOnly,
                           Connection connection, ChangeGuard guard) implements Tool {

    /** Calls a tool on the server; implemented by the MCP client, never throws. */
    @FunctionalInterface
    public interface Connection {
        ToolResult call(String toolName, JsonNode arguments);
    }

    @Override
    public ToolResult run(JsonNode arguments, Context context) {
        if (!readOnly) {
            ChangeGuard.Decision d = guard.reviewAction("MCP tool " + server + "/" + remoteName + " " + JqStage.oneLine(arguments.toString()),
                    "external MCP tool not marked read-only");
            if (!d.allowed()) {
                return ToolResult.refused(d.refusalMessage());
            }
        }
        return connection.call(remoteName, arguments);
    }
}
