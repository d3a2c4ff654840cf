package dev.k8sai.mcp;

import dev.k8sai.tools.Approver;
import dev.k8sai.tools.ChangeRequest;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/**
 * Asks the person at the MCP client, through elicitation, whether one exact change may run. Only an
 * "accept" whose form says approve=true is a yes; decline, cancel, a missing answer or an error is no.
 */
final class ElicitationApprover implements Approver {

    private final McpSyncServerExchange exchange;

    static final String CANNOT_ASK = "This MCP client cannot ask a person (it does not support elicitation), so changes are refused.";

    private ElicitationApprover(McpSyncServerExchange exchange) {
        this.exchange = exchange;
    }

    /** The approver for {@code exchange}'s client, or null when the client does not support elicitation. */
    static ElicitationApprover forClient(McpSyncServerExchange exchange) {
        var caps = exchange.getClientCapabilities();
        return caps != null && caps.elicitation() != null ? new ElicitationApprover(exchange) : null;
    }

    @Override
    public boolean approves(ChangeRequest request) {
        McpSchema.ElicitRequest ask = McpSchema.ElicitRequest.builder()
                .message("k8s-ai-agent was asked to make a change (" + request.why() + "):\n  " + request.subject()
                        + "\nApprove it?")
                .requestedSchema(Map.of("type", "object",
                        "properties", Map.of("approve", Map.of("type", "boolean", "title", "Run this change",
                                "description", "true runs exactly this change once")),
                        "required", List.of("approve")))
                .build();
        try {
            McpSchema.ElicitResult answer = exchange.createElicitation(ask);
            return answer != null && answer.action() == McpSchema.ElicitResult.Action.ACCEPT
                    && answer.content() != null && Boolean.TRUE.equals(answer.content().get("approve"));
        } catch (RuntimeException e) {
            return false; // no answer is no
        }
    }
}
