package dev.k8sai.llm;

import dev.k8sai.config.ProviderProfile;
import dev.k8sai.config.ProviderType;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Builds the {@link LlmClient} for a resolved provider profile. */
public final class LlmClients {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    /** Azure's GA chat completions version, used when the profile names none. */
    static final String DEFAULT_AZURE_API_VERSION = "2024-10-21";

    private LlmClients() {
    }

    /** A client that retries with real sleeps. Throws {@link LlmException} MISSING_KEY / BAD_REQUEST for unusable profiles. */
    public static LlmClient create(ProviderProfile profile) {
        return create(profile, RetryPolicy.Sleeper.REAL);
    }

    /** As {@link #create(ProviderProfile)}, waiting between retries through {@code sleeper} (tests record instead of sleeping). */
    public static LlmClient create(ProviderProfile profile, RetryPolicy.Sleeper sleeper) {
        if (profile.model() == null || profile.model().isBlank()) {
            throw new LlmException(LlmException.Kind.BAD_REQUEST,
                    "no model configured for provider " + profile.name() + ": set the profile's model or pass --model", null, null);
        }
        String apiKey = profile.apiKey() == null || profile.apiKey().isBlank() ? null : profile.apiKey();
        boolean keyExpected = BaseUrls.needsKey(profile.type())
                || profile.type() == ProviderType.OPENAI_COMPATIBLE && profile.apiKeyEnv() != null && !profile.apiKeyEnv().isBlank();
        if (apiKey == null && keyExpected) {
            String where = profile.apiKeyEnv() == null || profile.apiKeyEnv().isBlank()
                    ? "set apiKeyEnv in the profile and export that variable"
                    : "set the environment variable " + profile.apiKeyEnv();
            throw new LlmException(LlmException.Kind.MISSING_KEY,
                    "no API key for provider " + profile.name() + ": " + where, null, null);
        }
        String baseUrl = BaseUrls.of(profile);
        Duration timeout = profile.timeout() == null ? DEFAULT_TIMEOUT : profile.timeout();
        RetryPolicy retry = RetryPolicy.standard(profile.maxRetries(), sleeper);
        return switch (profile.type()) {
            case OLLAMA -> new LangChainLlmClient(profile, baseUrl,
                    OllamaChatModel.builder().httpClientBuilder(new ProviderHttpClient.Builder())
                            .baseUrl(baseUrl).modelName(profile.model()).timeout(timeout)
                            .customHeaders(profile.headers()).maxRetries(0).build(),
                    OllamaStreamingChatModel.builder().httpClientBuilder(new ProviderHttpClient.Builder())
                            .baseUrl(baseUrl).modelName(profile.model()).timeout(timeout)
                            .customHeaders(profile.headers()).build(),
                    retry);
            case OPENAI, OPENAI_COMPATIBLE, AZURE_OPENAI -> openAi(profile, baseUrl, apiKey, timeout, retry);
        };
    }

    /*
     * Azure goes through the OpenAI client: Azure's chat completions endpoint is
     * {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=… with an api-key header and
     * the OpenAI wire format, so langchain4j-azure-open-ai (and its Azure SDK dependency tree) is not needed.
     */
    private static LlmClient openAi(ProviderProfile profile, String baseUrl, String apiKey, Duration timeout, RetryPolicy retry) {
        boolean azure = profile.type() == ProviderType.AZURE_OPENAI;
        Map<String, String> headers = new HashMap<>(profile.headers());
        Map<String, String> query = new HashMap<>();
        String bearer = apiKey;
        if (azure) {
            headers.put("api-key", apiKey);
            bearer = null;
            query.put("api-version", profile.azureApiVersion() == null || profile.azureApiVersion().isBlank()
                    ? DEFAULT_AZURE_API_VERSION : profile.azureApiVersion());
        }
        OpenAiChatModel chat = OpenAiChatModel.builder()
                .httpClientBuilder(new ProviderHttpClient.Builder())
                .baseUrl(baseUrl).apiKey(bearer).modelName(profile.model())
                .timeout(timeout).maxRetries(0)
                .customHeaders(headers).customQueryParams(query)
                .build();
        OpenAiStreamingChatModel streaming = OpenAiStreamingChatModel.builder()
                .httpClientBuilder(new ProviderHttpClient.Builder())
                .baseUrl(baseUrl).apiKey(bearer).modelName(profile.model())
                .timeout(timeout)
                .customHeaders(headers).customQueryParams(query)
                .build();
        return new LangChainLlmClient(profile, baseUrl, chat, streaming, retry);
    }
}
