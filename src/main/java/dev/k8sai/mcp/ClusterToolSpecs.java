package dev.k8sai.mcp;

import dev.k8sai.app.ToolCalls;
import dev.k8sai.tools.ChangeGuard;
import dev.k8sai.tools.Observation;
import dev.k8sai.tools.ToolDefinition;
import io.modelcontextprotocol.spec.McpSchema;
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

    /** The tools over {@code definitions}, the agent's own ({@link ToolCalls#definitions}). */
    static List<ServedTool> all(List<ToolDefinition> definitions) {
        Map<String, ToolDefinition> byName = new java.util.HashMap<>();
        definitions.forEach(d -> byName.put(d.name(), d));
        List<ServedTool> tools = new ArrayList<>();
        for (Served s : SERVED) {
            ToolDefinition d = byName.get(s.agentName());
            String description = d.description() + (s.access() == ServedTool.Access.MAY_CHANGE
                    ? " Outputs are compacted and redacted. A command that changes anything runs only when this server was started"
                    + " with --allow-writes and a person approves it."
                    : " Outputs are compacted and redacted like the agent's observations.");
            tools.add(ServedTool.of(s.name(), s.title(), description, d.parametersSchema(), s.access(),
                    (context, args) -> call(context, s.agentName(), args)));
        }
        return tools;
    }

    private static McpSchema.CallToolResult call(ToolContext context, String tool, Map<String, Object> args) {
        String json;
        try {
            json = McpJson.MAPPER.writeValueAsString(args);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return ServedTool.error("arguments are not JSON: " + e.getOriginalMessage());
        }
        ChangeGuard guard = context.guard();
        Observation o = context.calls().call(tool, json, guard);
        String text = o.text();
        boolean refusedByPolicy = guard.decisions().stream().anyMatch(d -> d.outcome() == ChangeGuard.Outcome.REFUSED_BY_POLICY);
        if (refusedByPolicy && !context.refusalReason().isEmpty()) {
            text = context.refusalReason() + "\n" + text;
        }
        return ServedTool.text(text, o.refused() || o.error());
    }
}
