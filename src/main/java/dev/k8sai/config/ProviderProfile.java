package dev.k8sai.config;

import java.time.Duration;
import java.util.Map;

/**
 * One resolved LLM provider profile: what the llm package needs to build a client.
 * {@code apiKey} is the resolved secret (from {@code apiKeyEnv} or the file) and must never be printed;
 * {@link #toString()} masks it.
 */
public record ProviderProfile(
        String name,
        ProviderType type,
        String baseUrl,
        String model,
        String apiKeyEnv,
        String apiKey,
        String azureDeployment,
        String azureApiVersion,
        Duration timeout,
        int maxRetries,
        ToolCallingMode toolCalling,
        Map<String, String> headers,
        ServerLimits limits) {

    public ProviderProfile {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        limits = limits == null ? ServerLimits.NONE : limits;
    }

    /** A profile without server limits (defaults apply). */
    public ProviderProfile(String name, ProviderType type, String baseUrl, String model, String apiKeyEnv, String apiKey,
                           String azureDeployment, String azureApiVersion, Duration timeout, int maxRetries,
                           ToolCallingMode toolCalling, Map<String, String> headers) {
        this(name, type, baseUrl, model, apiKeyEnv, apiKey, azureDeployment, azureApiVersion, timeout, maxRetries,
                toolCalling, headers, ServerLimits.NONE);
    }

    /** This profile with other server limits. */
    public ProviderProfile withLimits(ServerLimits newLimits) {
        return new ProviderProfile(name, type, baseUrl, model, apiKeyEnv, apiKey, azureDeployment, azureApiVersion,
                timeout, maxRetries, toolCalling, headers, newLimits);
    }


    @Override
    public String toString() {
        return "ProviderProfile[name=" + name + ", type=" + type + ", baseUrl=" + baseUrl + ", model=" + model
                + ", apiKeyEnv=" + apiKeyEnv + ", apiKey=" + (apiKey == null ? "null" : "****")
                + ", toolCalling=" + toolCalling + "]";
    }
}
