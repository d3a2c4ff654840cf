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

    /** From the options; a value below 1 is a usage error, reported as one line. */
    public static AgentLimits of(Integer iterations, Integer tokens) {
        if (iterations != null && iterations < 1) {
            throw new dev.k8sai.AgentException(dev.k8sai.ExitCodes.USAGE, "--max-iterations must be at least 1");
        }
        if (tokens != null && tokens < 1) {
            throw new dev.k8sai.AgentException(dev.k8sai.ExitCodes.USAGE, "--max-tokens must be at least 1");
        }
        return new AgentLimits(iterations == null ? DEFAULT_ITERATIONS : iterations,
                tokens == null ? DEFAULT_TOKENS : tokens);
    }
}
