package dev.k8sai.agent;

/** Why an agent run ended. Every reason still yields an answer (the best one available). */
public enum StopReason { FINAL_ANSWER, ITERATION_LIMIT, TOKEN_BUDGET, PROVIDER_ERROR }
