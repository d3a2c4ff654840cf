package dev.k8sai.mcp;

import dev.k8sai.app.ToolCalls;
import dev.k8sai.tools.ChangeGuard;
import dev.k8sai.tools.Observation;
import dev.k8sai.tools.ToolDefinition;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agent's cluster tools served over MCP under client-friendly names: kubectl (parsed pipelines,
 * no shell, writes through the guard), get_resources, get_events, pod_logs. Definitions and results
 * are the agent's own ({@link ToolCalls}): same schemas, same guard, same compaction and redaction.
 */
final class ClusterToolSpecs {

    /** agent tool name → served name, title, access. */
    private record Served(String agentName, String name, String title, ServedTool.Access access) {
    }

    private static final List<Served> SERVED = List.of(
            new Served("k8s_get", "get_resources", "List or get Kubernetes resources", ServedTool.Access.READ),
            new Served("k8s_events", "get_events", "Events of one object", ServedTool.Access.READ),
            new Served("k8s_logs", "pod_logs", "Pod container log tail", ServedTool.Access.READ),
            new Served("kubectl", "kubectl", "Run kubectl (reads free, writes confirmed)", ServedTool.Access.MAY_CHANGE));

    private ClusterToolSpecs() {
    }

    static List<McpServerFeatures.SyncToolSpecification> all(ToolCalls calls, WritePolicy policy) {
        Map<String, ToolDefinition> definitions = new java.util.HashMap<>();
        calls.definitions().forEach(d -> definitions.put(d.name(), d));
        List<McpServerFeatures.SyncToolSpecification> specs = new ArrayList<>();
        for (Served s : SERVED) {
            ToolDefinition d = definitions.get(s.agentName());
            String description = d.description() + (s.access() == ServedTool.Access.MAY_CHANGE
                    ? " Outputs are compacted and redacted. A command that changes anything runs only when this server was started"
                    + " with --allow-writes and a person approves it through the client."
                    : " Outputs are compacted and redacted like the agent's observations.");
            specs.add(ServedTool.of(s.name(), s.title(), description, d.parametersSchema(), s.access(),
                    (exchange, args) -> call(calls, policy, s.agentName(), exchange, args)));
        }
        return specs;
    }

    private static io.modelcontextprotocol.spec.McpSchema.CallToolResult call(ToolCalls calls, WritePolicy policy, String tool,
                                                                             McpSyncServerExchange exchange, Map<String, Object> args) {
        ChangeGuard guard = policy.guardFor(exchange);
        String json;
        try {
            json = McpJson.MAPPER.writeValueAsString(args);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return ServedTool.error("arguments are not JSON: " + e.getOriginalMessage());
        }
        Observation o = calls.call(tool, json, guard);
        String text = o.text();
        boolean refusedByPolicy = guard.decisions().stream().anyMatch(d -> d.outcome() == ChangeGuard.Outcome.REFUSED_BY_POLICY);
        if (refusedByPolicy) {
            text = policy.refusalReason(exchange) + "\n" + text;
        }
        return ServedTool.text(text, o.refused() || o.error());
    }
}
