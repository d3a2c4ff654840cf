package dev.k8sai.tools;

/**
 * Raw result of a tool before compaction and redaction. Only the {@link Toolbox} turns it into an
 * {@link Observation}, so no tool can bypass redaction.
 */
public record ToolResult(Pipeline.Status status, String text, boolean truncated, String data) {

    /** {@code data}: the machine-readable output to keep for later jq/python calls (null = use text). */
    public ToolResult(Pipeline.Status status, String text, boolean truncated) {
        this(status, text, truncated, null);
    }

    public static ToolResult ok(String text) {
        return new ToolResult(Pipeline.Status.OK, text, false);
    }

    public static ToolResult refused(String message) {
        return new ToolResult(Pipeline.Status.REFUSED, message, false);
    }

    public static ToolResult failed(String message) {
        return new ToolResult(Pipeline.Status.FAILED, message, false);
    }
}
