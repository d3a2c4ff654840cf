package dev.k8sai.agent;

/** Why an agent run ended. Every reason still yields an answer (the best one available). */
public enum StopReason {
    FINAL_ANSWER, ITERATION_LIMIT, TOKEN_BUDGET, PROVIDER_ERROR,
    /** The model's replies were cut at the output limit even after it was asked to answer shorter. */
    TRUNCATED,
    /** The model kept repeating a tool call it had been told to stop repeating. */
    REPEATED_CALLS
}
