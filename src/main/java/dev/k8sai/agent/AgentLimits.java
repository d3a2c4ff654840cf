package dev.k8sai.agent;

/** Bounds of one agent run: model round trips and total tokens (input + output) across them. */
public record AgentLimits(int maxIterations, int maxTotalTokens) {

    public static final int DEFAULT_ITERATIONS = 10;
    public static final int DEFAULT_TOKENS = 60_000;

    public AgentLimits {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("max iterations must be at least 1");
        }
        if (maxTotalTokens < 1) {
            throw new IllegalArgumentException("token budget must be positive");
        }
    }

    public static AgentLimits of(Integer iterations, Integer tokens) {
        return new AgentLimits(iterations == null ? DEFAULT_ITERATIONS : iterations,
                tokens == null ? DEFAULT_TOKENS : tokens);
    }
}
