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
        Map<String, String> headers) {

    public ProviderProfile {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }


    @Override
    public String toString() {
        return "ProviderProfile[name=" + name + ", type=" + type + ", baseUrl=" + baseUrl + ", model=" + model
                + ", apiKeyEnv=" + apiKeyEnv + ", apiKey=" + (apiKey == null ? "null" : "****")
                + ", toolCalling=" + toolCalling + "]";
    }
}
