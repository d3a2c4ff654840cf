package dev.k8sai.agent;

/**
 * What a tool run tells the model. {@code refused} marks policy refusals (read-only, denied
 * confirmation, unsupported command) so the transcript and the final report can show them.
 */
public record ToolOutcome(String observation, boolean refused) {

    public static ToolOutcome of(String observation) {
        return new ToolOutcome(observation, false);
    }

    public static ToolOutcome refused(String observation) {
        return new ToolOutcome(observation, true);
    }
}
