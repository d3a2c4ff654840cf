package dev.k8sai.config;

/**
 * What a profile knows about the model server's capacity (all nullable = not configured; see
 * {@link dev.k8sai.llm.LlmClients} for the defaults used then).
 *
 * @param contextWindow    tokens the model accepts per request, prompt and reply together
 * @param maxOutputTokens  output limit sent as {@code max_tokens} with every request
 * @param parallelRequests whether the server runs requests in parallel; a server with one slot keeps generating
 *                         an abandoned reply, so a timed-out request is retried only when this is true (default:
 *                         true for remote endpoints, false for loopback/private ones)
 */
public record ServerLimits(Integer contextWindow, Integer maxOutputTokens, Boolean parallelRequests) {

    public static final ServerLimits NONE = new ServerLimits(null, null, null);
}
