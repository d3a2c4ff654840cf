package dev.k8sai.app;

import java.nio.file.Path;

/**
 * What the user chose about the model for one run (null = not chosen: the config file's defaults
 * apply). {@code dryRun}: build and show the requests, send nothing.
 */
public record LlmSettings(Path configFile, String provider, String model, String language, Integer maxTokens,
                          Integer maxIterations, boolean dryRun) {

    /** The agent's step and token limits; a value below 1 is a usage error. */
    public dev.k8sai.agent.AgentLimits agentLimits() {
        return dev.k8sai.agent.AgentLimits.of(maxIterations, maxTokens);
    }

    /** The same choices with another model (chat's /model). */
    public LlmSettings withModel(String otherModel) {
        return new LlmSettings(configFile, provider, otherModel, language, maxTokens, maxIterations, dryRun);
    }

    /** The same choices with a token cap ({@code null}: none), e.g. what is left of a daily budget. */
    public LlmSettings withMaxTokens(Integer cap) {
        return new LlmSettings(configFile, provider, model, language, cap, maxIterations, dryRun);
    }

    /** Everything from the configuration file and environment. */
    public static LlmSettings defaults() {
        return new LlmSettings(null, null, null, null, null, null, false);
    }
}
