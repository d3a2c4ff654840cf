package dev.k8sai.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs a short Python program on the previous output (on stdin). Disabled unless the configuration
 * enables it; when enabled every run is treated as a change and goes through the {@link ChangeGuard},
 * because model-written code runs on the user's machine with the user's rights.
 */
public final class PythonTool implements Tool {

    public static final String NAME = "python";

    private static final ToolDefinition DEFINITION = new ToolDefinition(NAME,
            "Run a short Python 3 program; the previous tool output is on stdin. Needs the user's approval for each run. "
                    + "Prefer kubectl with jq/grep/awk pipelines when they suffice.",
            """
            {"type":"object","properties":{"code":{"type":"string","description":"Python 3 source, e.g. import sys,json; d=json.load(sys.stdin); print(len(d['items']))"}},"required":["code"]}""");

    private final boolean enabled;
    private final ChangeGuard guard;
    private final Path python;
    private final Duration timeout;

    public PythonTool(boolean enabled, ChangeGuard guard, Path python, Duration timeout) {
        this.enabled = enabled;
        this.guard = guard;
        this.python = python == null ? Path.of("python3") : python;
        this.timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }

    @Override
    public ToolDefinition definition() {
        return DEFINITION;
    }

    @Override
    public ToolResult run(JsonNode arguments, Context context) {
        if (!enabled) {
            return ToolResult.refused("The python tool is disabled in this configuration. Use the kubectl tool with jq, grep, awk, sort or wc stages instead.");
        }
        String code = Tool.string(arguments, "code");
        if (code == null) {
            return ToolResult.refused("Missing argument 'code'.");
        }
        ChangeGuard.Decision d = guard.reviewAction("python3 with this program:\n" + code, "runs local Python code");
        if (!d.allowed()) {
            return ToolResult.refused(d.refusalMessage());
        }
        try {
            // -I: isolated mode, ignores PYTHON* environment variables and the user's site-packages
            ProcessRunner.Result r = ProcessRunner.run(List.of(python.toString(), "-I", "-c", code), timeout, 256 * 1024, 16 * 1024,
                    context.lastOutput().orElse(""));
            if (r.timedOut()) {
                return ToolResult.failed("python did not finish within " + timeout.toSeconds() + "s and was stopped.");
            }
            String text = r.stdout() + (r.stderr().isBlank() ? "" : "[stderr] " + r.stderr());
            return new ToolResult(r.exitCode() == 0 ? Pipeline.Status.OK : Pipeline.Status.FAILED,
                    (r.exitCode() == 0 ? "" : "python exited with code " + r.exitCode() + "\n") + text, r.stdoutTruncated());
        } catch (IOException e) {
            return ToolResult.failed("python could not be started: " + e.getMessage());
        }
    }
}
