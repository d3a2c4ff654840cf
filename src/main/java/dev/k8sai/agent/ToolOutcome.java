package dev.k8sai.agent;

/**
 * What a tool run tells the model. {@code refused} marks policy refusals (read-only, denied
 * confirmation, unsupported command) so the transcript and the final report can show them;
 * {@code truncated} says part of the output was left out, {@code error} that the command ran and failed.
 */
public record ToolOutcome(String observation, boolean refused, boolean truncated, boolean error) {

    public ToolOutcome(String observation, boolean refused) {
        this(observation, refused, false, false);
    }

    public static ToolOutcome of(String observation) {
        return new ToolOutcome(observation, false);
    }

    public static ToolOutcome refused(String observation) {
        return new ToolOutcome(observation, true);
    }
}
