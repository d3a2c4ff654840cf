package dev.k8sai.tools;

import dev.k8sai.Mappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.llm.ToolSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools of one agent session. Dispatches invocations by name, turns every raw result into an
 * {@link Observation} through the {@link ObservationCompactor} (which redacts), and remembers the last
 * uncompacted output for the jq and python tools. Never throws for model mistakes: they become
 * refused or error observations the model can correct.
 */
public final class Toolbox {

    private static final ObjectMapper JSON = Mappers.JSON;

    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final ObservationCompactor compactor;
    private volatile String lastOutput;

    public Toolbox(List<Tool> tools, ObservationCompactor compactor) {
        for (Tool t : tools) {
            this.tools.put(t.definition().name(), t);
        }
        this.compactor = compactor;
    }

    public List<ToolDefinition> definitions() {
        return tools.values().stream().map(Tool::definition).toList();
    }

    public List<ToolSpec> specs() {
        return definitions().stream().map(ToolDefinition::toSpec).toList();
    }

    public Optional<String> lastOutput() {
        return Optional.ofNullable(lastOutput);
    }

    public Observation invoke(ToolInvocation call) {
        Tool tool = tools.get(call.toolName());
        if (tool == null) {
            return observe(call, ToolResult.refused("Unknown tool '" + call.toolName() + "'. Available tools: " + String.join(", ", tools.keySet()) + "."));
        }
        JsonNode args;
        try {
            args = call.argumentsJson() == null || call.argumentsJson().isBlank() ? JSON.createObjectNode() : JSON.readTree(call.argumentsJson());
        } catch (Exception e) {
            return observe(call, ToolResult.refused("The arguments are not valid JSON. Send an object like " + example(tool) + "."));
        }
        return invoke(call.callId(), call.toolName(), args);
    }

    /** Runs a call whose arguments the caller has already parsed (the agent parses leniently, once). */
    public Observation invoke(String callId, String toolName, JsonNode args) {
        ToolInvocation call = new ToolInvocation(callId, toolName, null);
        Tool tool = tools.get(toolName);
        if (tool == null) {
            return observe(call, ToolResult.refused("Unknown tool '" + toolName + "'. Available tools: " + String.join(", ", tools.keySet()) + "."));
        }
        if (args == null || !args.isObject()) {
            return observe(call, ToolResult.refused("The arguments must be a JSON object like " + example(tool) + "."));
        }
        ToolResult result;
        try {
            result = tool.run(args, this::lastOutput);
        } catch (RuntimeException e) {
            // a bug in a stage must not end the conversation; the model gets a one-line error
            result = ToolResult.failed(tool.definition().name() + " failed unexpectedly: " + JqStage.oneLine(String.valueOf(e.getMessage())));
        }
        // jq works on the last real output, so several filters can be tried on the same kubectl result
        if (result.status() == Pipeline.Status.OK && !(tool instanceof JqTool)) {
            lastOutput = result.data() != null ? result.data() : result.text();
        }
        return observe(call, result);
    }

    private Observation observe(ToolInvocation call, ToolResult r) {
        ObservationCompactor.Compacted c = compactor.compact(r.text());
        return new Observation(call.callId(), call.toolName(), c.text(), r.truncated() || c.truncated(),
                r.status() == Pipeline.Status.REFUSED, r.status() == Pipeline.Status.FAILED);
    }

    private static String example(Tool tool) {
        return switch (tool) {
            case KubectlTool k -> "{\"command\": \"kubectl get pods -A\"}";
            case JqTool j -> "{\"filter\": \".items[].metadata.name\", \"raw\": true}";
            case TrivyTool t -> "{\"image\": \"nginx:1.25\"}";
            case PythonTool p -> "{\"code\": \"print(1)\"}";
            case ClusterReadTool c -> "{\"kind\": \"Pod\", \"namespace\": \"default\", \"name\": \"web-1\"}";
            case ExternalTool e -> "the object its input schema describes";
        };
    }
}
