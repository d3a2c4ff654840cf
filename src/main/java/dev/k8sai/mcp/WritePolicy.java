package dev.k8sai.mcp;

import dev.k8sai.tools.Approver;
import dev.k8sai.tools.ChangeGuard;
import io.modelcontextprotocol.server.McpSyncServerExchange;

/**
 * Who may approve a change made through MCP. Writes are refused unless the server was started with
 * --allow-writes; then each one is put to the person at the client through MCP elicitation, and
 * refused when the client cannot ask. --read-only wins. The MCP client (often itself a model) never
 * decides: --yes does not apply here.
 */
public record WritePolicy(boolean readOnly, boolean allowWrites) {

    /** The guard for one tool call on {@code exchange}'s client. */
    public ChangeGuard guardFor(McpSyncServerExchange exchange) {
        if (readOnly || !allowWrites || !canAsk(exchange)) {
            return new ChangeGuard(ChangeGuard.Policy.REFUSE_ALL, Approver.DECLINE_ALL);
        }
        return new ChangeGuard(ChangeGuard.Policy.ASK, new ElicitationApprover(exchange));
    }

    /** Why a change was refused by policy, for the caller (the guard's own message speaks to a model). */
    public String refusalReason(McpSyncServerExchange exchange) {
        if (readOnly) {
            return "This MCP server runs with --read-only: no change is made through it.";
        }
        if (!allowWrites) {
            return "Writes are off: the server must be started as 'k8s-ai-agent mcp --allow-writes' (each change is then confirmed by a person).";
        }
        return canAsk(exchange) ? "" : "This MCP client cannot ask a person (it does not support elicitation), so changes are refused.";
    }

    static boolean canAsk(McpSyncServerExchange exchange) {
        var caps = exchange.getClientCapabilities();
        return caps != null && caps.elicitation() != null;
    }
}
