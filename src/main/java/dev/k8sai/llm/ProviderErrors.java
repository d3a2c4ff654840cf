package dev.k8sai.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.config.ProviderProfile;
import dev.k8sai.llm.LlmException.Kind;
import dev.k8sai.llm.ProviderHttpClient.ProviderHttpException;
import dev.k8sai.llm.ProviderHttpClient.ProviderIoException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Every provider failure → one {@link LlmException} line a user can act on; the raw detail goes to {@code detail}. */
final class ProviderErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    // "model `x` does not exist", "model 'x' not found", "deployment … does not exist" — but not "Invalid URL (GET /models)"
    /** OpenAI "context_length_exceeded", llama.cpp "maximum context length is N tokens", vLLM/Ollama wordings. */
    private static final java.util.regex.Pattern CONTEXT_OVERFLOW = java.util.regex.Pattern.compile(
            "context_length_exceeded|maximum context length|context (length|window|size)|exceeds? the (available )?context"
                    + "|too many tokens|prompt is too long|input (is )?too long", java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern MODEL_MISSING = java.util.regex.Pattern.compile(
            "\\b(model|deployment)\\b.*(not exist|not found|no such|unknown|does not)|(unknown|invalid) (model|deployment)\\b");

    /** A classified failure and the server's Retry-After, if it sent one. */
    record Failure(LlmException exception, Duration retryAfter) {
        boolean retryable() {
            return switch (exception.kind()) {
                case RATE_LIMITED, SERVER, TIMEOUT -> true;
                default -> false;
            };
        }
    }

    private ProviderErrors() {
    }

    static Failure classify(Throwable t, ProviderProfile profile, String baseUrl) {
        if (t instanceof LlmException e) {
            return new Failure(e, null);
        }
        String name = profile.name() == null ? String.valueOf(profile.type()).toLowerCase(Locale.ROOT) : profile.name();
        String detail = chain(t);
        ProviderHttpException http = find(t, ProviderHttpException.class);
        if (http != null) {
            return new Failure(fromStatus(http, profile, name, baseUrl, detail, t), retryAfter(http));
        }
        ProviderIoException io = find(t, ProviderIoException.class);
        String url = io != null ? io.url() : baseUrl;
        if (find(t, HttpTimeoutException.class) != null || find(t, dev.langchain4j.exception.TimeoutException.class) != null
                || find(t, java.net.SocketTimeoutException.class) != null) {
            return new Failure(new LlmException(Kind.TIMEOUT,
                    "no answer from " + name + " at " + url + " within " + timeoutText(profile), detail, t), null);
        }
        if (find(t, ConnectException.class) != null) {
            return new Failure(new LlmException(Kind.UNREACHABLE,
                    "cannot reach " + name + " at " + url + ": connection refused (is the server running and the base URL right?)",
                    detail, t), null);
        }
        if (find(t, UnknownHostException.class) != null || find(t, UnresolvedAddressException.class) != null
                || find(t, dev.langchain4j.exception.UnresolvedModelServerException.class) != null) {
            return new Failure(new LlmException(Kind.UNREACHABLE,
                    "cannot reach " + name + " at " + url + ": unknown host (check the base URL)", detail, t), null);
        }
        if (io != null) {
            return new Failure(new LlmException(Kind.UNREACHABLE,
                    "cannot reach " + name + " at " + url + ": " + oneLine(io.getCause().toString()), detail, t), null);
        }
        return new Failure(new LlmException(Kind.BAD_RESPONSE,
                "unusable reply from " + name + " at " + baseUrl + ": " + oneLine(String.valueOf(rootMessage(t))), detail, t), null);
    }

    private static LlmException fromStatus(ProviderHttpException http, ProviderProfile profile, String name,
                                           String baseUrl, String detail, Throwable cause) {
        int status = http.statusCode();
        String url = http.url();
        String said = providerMessage(http.body());
        String saidSuffix = said.isEmpty() ? "" : ": " + said;
        if (status == 401 || status == 403) {
            String check = profile.apiKeyEnv() != null && !profile.apiKeyEnv().isBlank()
                    ? profile.apiKeyEnv() : "the API key of profile " + name;
            return new LlmException(Kind.AUTH, "authentication failed for " + name + " at " + url + ": check " + check,
                    detail, cause);
        }
        if (status == 404) {
            return new LlmException(Kind.NOT_FOUND, name + " answered 404 (not found) for " + url + ": " + notFoundHint(profile, baseUrl, said, http.body()),
                    detail, cause);
        }
        if (status == 429) {
            return new LlmException(Kind.RATE_LIMITED, name + " is rate limiting requests (HTTP 429 from " + url + ")" + saidSuffix,
                    detail, cause);
        }
        if (status == 408) {
            return new LlmException(Kind.TIMEOUT, name + " timed out (HTTP 408 from " + url + ")" + saidSuffix, detail, cause);
        }
        if (status >= 400 && CONTEXT_OVERFLOW.matcher(http.body() == null ? "" : http.body()).find()) {
            return new LlmException(Kind.CONTEXT_OVERFLOW, "the prompt does not fit the context window of " + name
                    + " (HTTP " + status + " from " + url + ")" + saidSuffix, detail, cause);
        }
        if (status >= 500) {
            return new LlmException(Kind.SERVER, name + " failed with HTTP " + status + " at " + url + saidSuffix, detail, cause);
        }
        return new LlmException(Kind.BAD_REQUEST, name + " rejected the request with HTTP " + status + " at " + url + saidSuffix,
                detail, cause);
    }

    /** The likely fix for a 404: a model the endpoint does not have, or a base URL missing its API path. */
    static String notFoundHint(ProviderProfile profile, String baseUrl, String said, String body) {
        String lower = said.toLowerCase(Locale.ROOT);
        boolean aboutModel = body != null && (body.contains("model_not_found") || body.contains("DeploymentNotFound"))
                || profile.model() != null && !profile.model().isBlank() && said.contains(profile.model())
                || MODEL_MISSING.matcher(lower).find();
        if (aboutModel) {
            return "check the model name '" + profile.model() + "' (k8s-ai-agent models lists what the endpoint offers)"
                    + (said.isEmpty() ? "" : " — provider said: " + said);
        }
        String path = "";
        try {
            path = java.net.URI.create(baseUrl).getPath();
        } catch (IllegalArgumentException ignored) {
            // keep the generic hint
        }
        if (profile.type() != dev.k8sai.config.ProviderType.OLLAMA && (path == null || !path.contains("/v1"))) {
            return "check the base URL " + baseUrl + " — most OpenAI-compatible servers need /v1 at the end (add /v1 to the base URL)";
        }
        return "check the base URL " + baseUrl + " (it should be the part before /chat/completions) and the model name '"
                + profile.model() + "'";
    }

    /** OpenAI {"error":{"message":…}}, Ollama {"error":"…"}, or the raw body, on one short line. */
    static String providerMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root.path("error");
            if (error.isTextual()) {
                return oneLine(error.asText());
            }
            if (error.hasNonNull("message")) {
                return oneLine(error.get("message").asText());
            }
            if (root.hasNonNull("message")) {
                return oneLine(root.get("message").asText());
            }
        } catch (Exception ignored) {
            // not JSON: an HTML error page or plain text
        }
        return looksLikeHtml(body) ? htmlExcerpt(body) : oneLine(body);
    }

    private static final java.util.regex.Pattern HTML_START = java.util.regex.Pattern.compile(
            "^\\s*(<!doctype html|<html|<head|<body|<\\?xml)", java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern HTML_TITLE = java.util.regex.Pattern.compile(
            "<title[^>]*>(.*?)</title>", java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);
    private static final java.util.regex.Pattern HTML_NOISE = java.util.regex.Pattern.compile(
            "<(script|style)[^>]*>.*?</\\1>|<[^>]*>", java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);

    static boolean looksLikeHtml(String body) {
        return HTML_START.matcher(body).find();
    }

    /**
     * A proxy's or gateway's HTML error page as a few words: its title, else the start of its visible text
     * (a full page on one line would be hundreds of characters of markup). Hand-written: a title and
     * stripped tags are all that is wanted, no HTML parser is needed for that.
     */
    static String htmlExcerpt(String html) {
        java.util.regex.Matcher title = HTML_TITLE.matcher(html);
        String text = title.find() ? title.group(1) : HTML_NOISE.matcher(html).replaceAll(" ");
        text = text.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return "an HTML page";
        }
        return "an HTML page: " + (text.length() > 80 ? text.substring(0, 80) + "…" : text);
    }

    /** Retry-After as seconds or an HTTP date. */
    static Duration retryAfter(ProviderHttpException http) {
        String value = http.header("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis((long) (Double.parseDouble(value.strip()) * 1000));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException ignored) {
                return null;
            }
        }
    }

    private static String timeoutText(ProviderProfile profile) {
        return profile.timeout() == null ? "the timeout" : profile.timeout().toSeconds() + "s (raise the profile's timeout)";
    }

    static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    private static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(" <- ");
            }
            sb.append(c.getClass().getName()).append(": ").append(c.getMessage());
        }
        return sb.toString();
    }
}
