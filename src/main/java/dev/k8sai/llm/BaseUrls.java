package dev.k8sai.llm;

import dev.k8sai.config.ProviderProfile;
import dev.k8sai.config.ProviderType;
import java.util.Locale;

/**
 * Turns the base URL a user wrote (env var, config file, copied from a provider's docs) into the one
 * the client uses. Users paste every variant — {@code OPENAI_API_BASE=https://api.openai.com/v1/},
 * a full {@code …/chat/completions} URL, {@code localhost:11434} — so the obvious cases are fixed
 * here, while a genuinely wrong path is left alone so the 404 message can name it.
 */
public final class BaseUrls {

    public static final String OPENAI_DEFAULT = "https://api.openai.com/v1";
    public static final String OLLAMA_DEFAULT = "http://localhost:11434";

    private BaseUrls() {
    }

    /** The normalised base URL for a profile; chat goes to {@code base + "/chat/completions"} (OpenAI kinds) or {@code base + "/api/chat"} (Ollama). */
    public static String of(ProviderProfile profile) {
        String raw = profile.baseUrl();
        return switch (profile.type()) {
            case OPENAI -> openAi(raw == null || raw.isBlank() ? OPENAI_DEFAULT : raw);
            case OPENAI_COMPATIBLE -> openAiCompatible(raw);
            case AZURE_OPENAI -> azure(raw, profile.azureDeployment());
            case OLLAMA -> ollama(raw);
        };
    }

    /** api.openai.com without a path gets {@code /v1}; other hosts are treated as OpenAI-compatible. */
    static String openAi(String raw) {
        String url = openAiCompatible(raw);
        if (hostOf(url).equals("api.openai.com") && pathOf(url).isEmpty()) {
            return url + "/v1";
        }
        return url;
    }

    /**
     * Trims slashes and a pasted {@code /chat/completions} or {@code /models} suffix. Does not add
     * {@code /v1}: compatible servers differ (DashScope uses {@code /compatible-mode/v1}), so a wrong
     * guess would hide the real problem; the 404 message suggests it instead.
     */
    static String openAiCompatible(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new LlmException(LlmException.Kind.BAD_REQUEST,
                    "no base URL configured for the OpenAI-compatible provider: set baseUrl (e.g. https://api.deepseek.com/v1)",
                    null, null);
        }
        String url = withScheme(raw.strip(), "https://");
        url = stripTrailingSlashes(url);
        for (String suffix : new String[] {"/chat/completions", "/completions", "/models"}) {
            if (url.toLowerCase(Locale.ROOT).endsWith(suffix)) {
                url = stripTrailingSlashes(url.substring(0, url.length() - suffix.length()));
            }
        }
        return url;
    }

    /** {@code {endpoint}/openai/deployments/{deployment}}, unless the user already gave that form. */
    static String azure(String endpoint, String deployment) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new LlmException(LlmException.Kind.BAD_REQUEST,
                    "no endpoint configured for Azure OpenAI: set baseUrl to https://<resource>.openai.azure.com",
                    null, null);
        }
        String url = openAiCompatible(endpoint);
        if (url.contains("/openai/deployments/")) {
            return url;
        }
        if (deployment == null || deployment.isBlank()) {
            throw new LlmException(LlmException.Kind.BAD_REQUEST,
                    "no deployment configured for Azure OpenAI: set azureDeployment (the deployment name, not the model name)",
                    null, null);
        }
        if (url.endsWith("/openai")) {
            url = url.substring(0, url.length() - "/openai".length());
        }
        return url + "/openai/deployments/" + deployment;
    }

    /** Ollama's native API lives at the host root: {@code localhost:11434}, {@code …/v1} and {@code …/api} all become the root. */
    static String ollama(String raw) {
        String url = raw == null || raw.isBlank() ? OLLAMA_DEFAULT : withScheme(raw.strip(), "http://");
        url = stripTrailingSlashes(url);
        for (String suffix : new String[] {"/api/chat", "/api/tags", "/api", "/v1"}) {
            if (url.endsWith(suffix)) {
                url = stripTrailingSlashes(url.substring(0, url.length() - suffix.length()));
            }
        }
        return url;
    }

    private static String withScheme(String url, String defaultScheme) {
        return url.contains("://") ? url : defaultScheme + url;
    }

    private static String stripTrailingSlashes(String url) {
        String s = url;
        while (s.endsWith("/") && !s.endsWith("://")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String hostOf(String url) {
        try {
            String host = java.net.URI.create(url).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String pathOf(String url) {
        try {
            String path = java.net.URI.create(url).getPath();
            return path == null ? "" : path;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    static boolean needsKey(ProviderType type) {
        return type == ProviderType.OPENAI || type == ProviderType.AZURE_OPENAI;
    }
}
