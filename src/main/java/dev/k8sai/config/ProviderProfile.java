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
        ServerLimits limits,
        TokenPrice price) {

    public ProviderProfile {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        limits = limits == null ? ServerLimits.NONE : limits;
        price = price == null ? TokenPrice.NONE : price;
    }

    /** A profile without prices (no cost is shown). */
    public ProviderProfile(String name, ProviderType type, String baseUrl, String model, String apiKeyEnv, String apiKey,
                           String azureDeployment, String azureApiVersion, Duration timeout, int maxRetries,
                           ToolCallingMode toolCalling, Map<String, String> headers, ServerLimits limits) {
        this(name, type, baseUrl, model, apiKeyEnv, apiKey, azureDeployment, azureApiVersion, timeout, maxRetries,
                toolCalling, headers, limits, TokenPrice.NONE);
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
                timeout, maxRetries, toolCalling, headers, newLimits, price);
    }


    @Override
    public String toString() {
        return "ProviderProfile[name=" + name + ", type=" + type + ", baseUrl=" + baseUrl + ", model=" + model
                + ", apiKeyEnv=" + apiKeyEnv + ", apiKey=" + (apiKey == null ? "null" : "****")
                + ", toolCalling=" + toolCalling + "]";
    }
}
