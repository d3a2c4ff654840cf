package dev.k8sai.tools;

import com.fasterxml.jackson.databind.JsonNode;

/** Runs a jq filter on the uncompacted output of the previous tool call (no new cluster request). */
public final class JqTool implements Tool {

    public static final String NAME = "jq";

    private static final ToolDefinition DEFINITION = new ToolDefinition(NAME,
            "Run a jq filter (jq 1.6) on the full JSON output of the previous tool call, without querying the cluster again. "
                    + "Useful after a kubectl ... -o json whose output was compacted. Set raw=true for plain strings.",
            """
            {"type":"object","properties":{"filter":{"type":"string","description":"e.g. .items[] | select(.status.phase != \\"Running\\") | .metadata.name"},\
            "raw":{"type":"boolean","description":"print strings without quotes (jq -r)"}},"required":["filter"]}""");

    @Override
    public ToolDefinition definition() {
        return DEFINITION;
    }

    @Override
    public ToolResult run(JsonNode arguments, Context context) {
        String filter = Tool.string(arguments, "filter");
        if (filter == null) {
            return ToolResult.refused("Missing argument 'filter', e.g. {\"filter\": \".items[].metadata.name\", \"raw\": true}.");
        }
        String input = context.lastOutput().orElse(null);
        if (input == null) {
            return ToolResult.refused("There is no previous output to filter. Run a kubectl command with -o json first.");
        }
        try {
            String out = new JqStage(filter, arguments.path("raw").asBoolean(false), false, false).apply(input);
            return ToolResult.ok(out.isEmpty() ? "(no output)\n" : out);
        } catch (CommandRejectedException e) {
            return ToolResult.refused(e.getMessage());
        } catch (TextStage.StageException e) {
            return ToolResult.failed(e.getMessage());
        }
    }
}
