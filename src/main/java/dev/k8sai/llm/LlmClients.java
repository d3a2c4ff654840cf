package dev.k8sai.llm;

import dev.k8sai.config.LocalEndpoints;
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
    /** Output limit when neither the profile nor the task gives one. */
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 2048;
    /** Context window assumed for hosted OpenAI/Azure models when the profile names none. */
    public static final int DEFAULT_HOSTED_CONTEXT_WINDOW = 128_000;
    /** Context window assumed for Ollama and other compatible servers when the profile names none (llama.cpp's
     *  servers are often started with 4k–8k; a bigger real window only means earlier compaction). */
    public static final int DEFAULT_LOCAL_CONTEXT_WINDOW = 8_192;
    /** The least output room a request must leave to be worth sending. */
    static final int MIN_OUTPUT_ROOM = 256;
    /** Azure's GA chat completions version, used when the profile names none. */
    static final String DEFAULT_AZURE_API_VERSION = "2024-10-21";

    private LlmClients() {
    }

    /**
     * Shuts down the HTTP clients of every provider client built in this JVM; for a process about to
     * exit (otherwise the exit waits up to 300 ms for their selector threads).
     */
    public static void shutDownAll() {
        ProviderHttpClient.shutDownAll();
    }

    /** The profile's context window, else the documented default for its type. */
    public static int contextWindow(ProviderProfile profile) {
        Integer configured = profile.limits().contextWindow();
        if (configured != null) {
            return configured;
        }
        return profile.type() == ProviderType.OPENAI || profile.type() == ProviderType.AZURE_OPENAI
                ? DEFAULT_HOSTED_CONTEXT_WINDOW : DEFAULT_LOCAL_CONTEXT_WINDOW;
    }

    /** Output limit of one request: the profile's maxOutputTokens, else the task's, else {@value #DEFAULT_MAX_OUTPUT_TOKENS}. */
    public static int maxOutputTokens(ProviderProfile profile, Integer taskDefault) {
        Integer configured = profile.limits().maxOutputTokens();
        return configured != null ? configured : taskDefault != null ? taskDefault : DEFAULT_MAX_OUTPUT_TOKENS;
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
        String baseUrl = BaseUrls.of(profile);
        // A server on this machine or a private network needs no key (llama.cpp, vLLM, LM Studio).
        boolean keyExpected = (BaseUrls.needsKey(profile.type())
                || profile.type() == ProviderType.OPENAI_COMPATIBLE && profile.apiKeyEnv() != null && !profile.apiKeyEnv().isBlank())
                && !(profile.type() != ProviderType.AZURE_OPENAI && LocalEndpoints.isLocal(baseUrl));
        if (apiKey == null && keyExpected) {
            String where = profile.apiKeyEnv() == null || profile.apiKeyEnv().isBlank()
                    ? "set apiKeyEnv in the profile and export that variable"
                    : "set the environment variable " + profile.apiKeyEnv();
            throw new LlmException(LlmException.Kind.MISSING_KEY,
                    "no API key for provider " + profile.name() + ": " + where, null, null);
        }
        Duration timeout = profile.timeout() == null ? DEFAULT_TIMEOUT : profile.timeout();
        RetryPolicy retry = RetryPolicy.standard(profile.maxRetries(), sleeper);
        CallDeadline deadlines = new CallDeadline();
        return switch (profile.type()) {
            case OLLAMA -> new LangChainLlmClient(profile, baseUrl,
                    OllamaChatModel.builder().httpClientBuilder(new ProviderHttpClient.Builder(deadlines))
                            .baseUrl(baseUrl).modelName(profile.model()).timeout(timeout)
                            .customHeaders(profile.headers()).maxRetries(0).build(),
                    OllamaStreamingChatModel.builder().httpClientBuilder(new ProviderHttpClient.Builder(deadlines))
                            .baseUrl(baseUrl).modelName(profile.model()).timeout(timeout)
                            .customHeaders(profile.headers()).build(),
                    retry, deadlines);
            case OPENAI, OPENAI_COMPATIBLE, AZURE_OPENAI -> openAi(profile, baseUrl, apiKey, timeout, retry, deadlines);
        };
    }

    /*
     * Azure goes through the OpenAI client: Azure's chat completions endpoint is
     * {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=… with an api-key header and
     * the OpenAI wire format, so langchain4j-azure-open-ai (and its Azure SDK dependency tree) is not needed.
     */
    private static LlmClient openAi(ProviderProfile profile, String baseUrl, String apiKey, Duration timeout, RetryPolicy retry,
                                    CallDeadline deadlines) {
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
                .httpClientBuilder(new ProviderHttpClient.Builder(deadlines))
                .baseUrl(baseUrl).apiKey(bearer).modelName(profile.model())
                .timeout(timeout).maxRetries(0)
                .customHeaders(headers).customQueryParams(query)
                .build();
        OpenAiStreamingChatModel streaming = OpenAiStreamingChatModel.builder()
                .httpClientBuilder(new ProviderHttpClient.Builder(deadlines))
                .baseUrl(baseUrl).apiKey(bearer).modelName(profile.model())
                .timeout(timeout)
                .customHeaders(headers).customQueryParams(query)
                .build();
        return new LangChainLlmClient(profile, baseUrl, chat, streaming, retry, deadlines);
    }
}
