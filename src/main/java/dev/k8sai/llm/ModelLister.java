package dev.k8sai.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.config.ProviderProfile;
import dev.k8sai.config.ProviderType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the models a profile's endpoint offers: {@code GET {base}/models} (OpenAI kinds),
 * {@code GET {endpoint}/openai/models?api-version=…} (Azure), {@code GET /api/tags} (Ollama).
 * Plain java.net.http because LangChain4j 1.18 has no provider-neutral model listing for all four kinds;
 * failures are mapped exactly like chat failures.
 */
public final class ModelLister {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelLister() {
    }

    /** Model ids, sorted as the endpoint returned them. Throws {@link LlmException}. */
    public static List<String> list(ProviderProfile profile) {
        String base = BaseUrls.of(profile);
        String apiKey = profile.apiKey() == null || profile.apiKey().isBlank() ? null : profile.apiKey();
        if (apiKey == null && BaseUrls.needsKey(profile.type())
                && !(profile.type() != ProviderType.AZURE_OPENAI && dev.k8sai.config.LocalEndpoints.isLocal(base))) {
            throw new LlmException(LlmException.Kind.MISSING_KEY, "no API key for provider " + profile.name()
                    + ": set the environment variable " + profile.apiKeyEnv(), null, null);
        }
        String url = url(profile);
        Duration timeout = profile.timeout() == null ? Duration.ofSeconds(30) : profile.timeout();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET()
                .header("Accept", "application/json");
        profile.headers().forEach(request::header);
        if (apiKey != null) {
            if (profile.type() == ProviderType.AZURE_OPENAI) {
                request.header("api-key", apiKey);
            } else {
                request.header("Authorization", "Bearer " + apiKey);
            }
        }
        // closed when done: an open client's selector thread would hold the JVM's exit up to 300 ms (and pile up in serve)
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build()) {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new ProviderHttpClient.ProviderHttpException(url, response.statusCode(), response.body(),
                        response.headers().map());
            }
            return parse(profile.type(), response.body(), profile, url);
        } catch (IOException e) {
            throw ProviderErrors.classify(new ProviderHttpClient.ProviderIoException(url, e), profile, base).exception();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException(LlmException.Kind.TIMEOUT, "interrupted while listing models at " + url, null, e);
        } catch (ProviderHttpClient.ProviderHttpException e) {
            throw ProviderErrors.classify(e, profile, base).exception();
        }
    }

    /** The URL {@link #list} would GET for this profile (what models --dry-run prints). */
    public static String url(ProviderProfile profile) {
        String base = BaseUrls.of(profile);
        return switch (profile.type()) {
            case OLLAMA -> base + "/api/tags";
            case AZURE_OPENAI -> base.substring(0, base.indexOf("/openai/deployments/")) + "/openai/models?api-version="
                    + (profile.azureApiVersion() == null ? LlmClients.DEFAULT_AZURE_API_VERSION : profile.azureApiVersion());
            case OPENAI, OPENAI_COMPATIBLE -> base + "/models";
        };
    }

    private static List<String> parse(ProviderType type, String body, ProviderProfile profile, String url) {
        try {
            JsonNode root = JSON.readTree(body);
            List<String> ids = new ArrayList<>();
            if (type == ProviderType.OLLAMA) {
                root.path("models").forEach(m -> ids.add(m.path("name").asText(m.path("model").asText())));
            } else {
                root.path("data").forEach(m -> ids.add(m.path("id").asText()));
            }
            ids.removeIf(String::isBlank);
            return ids;
        } catch (IOException e) {
            throw new LlmException(LlmException.Kind.BAD_RESPONSE, profile.name() + " answered " + url
                    + " with something that is not a model list", ProviderErrors.oneLine(body), e);
        }
    }
}
