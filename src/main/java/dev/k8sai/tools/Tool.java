package dev.k8sai.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A tool the agent can offer to the model. */
public sealed interface Tool permits KubectlTool, JqTool, TrivyTool, PythonTool, ClusterReadTool, ExternalTool {

    ToolDefinition definition();

    /** Runs with the model's arguments (a JSON object, already parsed); never throws for bad input. */
    ToolResult run(JsonNode arguments, Context context);

    /** What a tool may see of the session. */
    interface Context {
        /** Uncompacted output of the last successful tool call, for jq/python on "the previous observation". */
        Optional<String> lastOutput();
    }

    /** Reads a required string argument or returns null. */
    static String string(JsonNode args, String name) {
        JsonNode n = args.path(name);
        return n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }
}
