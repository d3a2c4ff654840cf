package dev.k8sai.tools;

import com.fasterxml.jackson.databind.JsonNode;

/** Runs a kubectl command line, optionally piped into in-process text stages. */
public final class KubectlTool implements Tool {

    public static final String NAME = "kubectl";

    private static final ToolDefinition DEFINITION = new ToolDefinition(NAME,
            "Run one kubectl command against the user's cluster, optionally piped (|) into jq, grep, wc, head, tail, sort, "
                    + "uniq, cut, awk, tr or column -t. No shell: no ;, &&, $(...), $VAR or redirections. The cluster, context and identity are "
                    + "fixed by the session (no --context/--kubeconfig/--as, no kubectl config). Only plain reads (get, describe, logs, "
                    + "top, events, explain, auth can-i, rollout status…) run directly; anything else needs the user's approval. "
                    + "Prefer narrow queries: -n, -l, --field-selector, -o jsonpath, --tail for logs.",
            """
            {"type":"object","properties":{"command":{"type":"string","description":"e.g. kubectl get pods -n shop -o wide | grep -v Running"}},"required":["command"]}""");

    private final Pipeline pipeline;

    public KubectlTool(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public ToolDefinition definition() {
        return DEFINITION;
    }

    @Override
    public ToolResult run(JsonNode arguments, Context context) {
        String command = Tool.string(arguments, "command");
        if (command == null) {
            return ToolResult.refused("Missing argument 'command', e.g. {\"command\": \"kubectl get pods -A\"}.");
        }
        Pipeline.Result r = pipeline.run(commandLine(command));
        String text = r.output();
        if (!r.stderr().isEmpty()) {
            // e.g. "No resources found in x namespace." or deprecation warnings: the model needs them
            text = text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + "[stderr] " + r.stderr() + "\n";
        }
        if (!r.notes().isEmpty()) {
            text = text + (text.endsWith("\n") || text.isEmpty() ? "" : "\n") + "[note] " + String.join("\n[note] ", r.notes()) + "\n";
        }
        if (r.status() == Pipeline.Status.OK && r.output().isBlank()) {
            text = "(no output)\n" + text;
        }
        return new ToolResult(r.status(), text, r.truncated(), r.status() == Pipeline.Status.OK ? r.output() : null);
    }

    /** The line that runs for the model's {@code command}: stripped, "kubectl " added where the model left it out. */
    static String commandLine(String command) {
        String line = command.strip();
        // Models often drop the program name ("get pods -A"); accept that rather than waste a turn.
        if (!line.startsWith("kubectl ") && !line.equals("kubectl") && startsWithKnownVerb(line)) {
            line = "kubectl " + line;
        }
        return line;
    }

    private static boolean startsWithKnownVerb(String line) {
        String first = line.split("\\s+", 2)[0];
        return java.util.Set.of("get", "describe", "logs", "top", "explain", "api-resources", "events", "auth", "rollout",
                "version", "cluster-info", "apply", "create", "delete", "patch", "scale", "label", "annotate").contains(first);
    }
}
