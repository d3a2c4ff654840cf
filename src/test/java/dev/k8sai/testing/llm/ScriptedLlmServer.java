package dev.k8sai.testing.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.k8sai.llm.ToolCall;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on a free loopback port that speaks the OpenAI chat completions wire protocol
 * (or Ollama's native one, see {@link #ollama()}), replays scripted replies in order and records
 * every request. Use it to drive the production HTTP path in tests:
 *
 * <pre>{@code
 * try (var server = ScriptedLlmServer.start()) {
 *     server.reply("hello").toolCalls(new ToolCall("c1", "kubectl_get", "{\"kind\":\"Pod\"}"));
 *     // profile baseUrl = server.baseUrl()  (http://127.0.0.1:PORT/v1)
 *     ...
 *     assertThat(server.requestCount()).isEqualTo(2);
 *     assertThat(server.requests().get(0).json().path("tools")).isNotEmpty();
 * }
 * }</pre>
 *
 * OpenAI flavour: {@code POST {prefix}/chat/completions} (JSON, or SSE when the body has
 * {@code "stream":true}), {@code GET {prefix}/models}. Anything else is a 404 with an OpenAI-style
 * error body, as real servers answer, so a wrong base URL fails realistically. Ollama flavour:
 * {@code POST /api/chat} (NDJSON when streaming, which is Ollama's default), {@code GET /api/tags}.
 * When the script runs out the server answers 500 with a body saying so.
 */
public final class ScriptedLlmServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One recorded HTTP request. {@code json} is null when the body is empty or not JSON. */
    public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                                  String body, JsonNode json) {
        /** First value of a header, case-insensitive, or null. */
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                    .map(e -> e.getValue().getFirst())
                    .findFirst().orElse(null);
        }

        /** Whether this was a streaming chat request. */
        public boolean streaming() {
            return json != null && json.path("stream").asBoolean(false);
        }
    }

    /** A scripted answer to one chat request. */
    public sealed interface Reply {

        /**
         * Text (sent in {@code fragments} when streaming, joined otherwise), optional native tool calls,
         * optional usage (null: the server reports no usage, as many compatible servers do).
         */
        record Message(List<String> fragments, List<ToolCall> toolCalls, Usage usage, String finishReason) implements Reply {
            public Message {
                fragments = List.copyOf(fragments);
                toolCalls = List.copyOf(toolCalls);
            }

            public String text() {
                return String.join("", fragments);
            }

            public Message withUsage(int promptTokens, int completionTokens) {
                return new Message(fragments, toolCalls, new Usage(promptTokens, completionTokens), finishReason);
            }

            public Message withFinishReason(String reason) {
                return new Message(fragments, toolCalls, usage, reason);
            }
        }

        /** An HTTP error with an OpenAI-style body; {@code retryAfterSeconds} null sends no Retry-After. */
        record Error(int status, String type, String message, Integer retryAfterSeconds) implements Reply { }

        static Message text(String text) {
            return new Message(List.of(text), List.of(), null, "stop");
        }

        /** Text sent as these SSE fragments when streaming. */
        static Message fragments(String... fragments) {
            return new Message(Arrays.asList(fragments), List.of(), null, "stop");
        }

        static Message toolCalls(ToolCall... calls) {
            return new Message(List.of(), List.of(calls), null, "tool_calls");
        }

        static Error error(int status, String message) {
            return new Error(status, typeFor(status), message, null);
        }

        static Error error(int status, String message, int retryAfterSeconds) {
            return new Error(status, typeFor(status), message, retryAfterSeconds);
        }

        private static String typeFor(int status) {
            return switch (status) {
                case 401, 403 -> "invalid_request_error";
                case 404 -> "invalid_request_error";
                case 429 -> "rate_limit_exceeded";
                default -> status >= 500 ? "server_error" : "invalid_request_error";
            };
        }
    }

    /** Token counts the server reports. */
    public record Usage(int promptTokens, int completionTokens) { }

    private enum Flavour { OPENAI, OLLAMA }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Flavour flavour;
    private final String prefix;
    private final Deque<Function<RecordedRequest, Reply>> script = new ArrayDeque<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile List<String> models = List.of("gpt-4o-mini", "gpt-4o");
    private volatile Reply.Error modelsError;

    private ScriptedLlmServer(Flavour flavour, String prefix) {
        this.flavour = flavour;
        this.prefix = normalisePrefix(prefix);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind a loopback port for the scripted LLM server", e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** OpenAI flavour under {@code /v1}. */
    public static ScriptedLlmServer start() {
        return start("/v1");
    }

    /** OpenAI flavour under the given path prefix ("" for none, "/compatible-mode/v1", …). */
    public static ScriptedLlmServer start(String pathPrefix) {
        return new ScriptedLlmServer(Flavour.OPENAI, pathPrefix);
    }

    /** Ollama's native API at the root: /api/chat, /api/tags. */
    public static ScriptedLlmServer ollama() {
        ScriptedLlmServer s = new ScriptedLlmServer(Flavour.OLLAMA, "");
        s.models = List.of("llama3.2:latest", "qwen2.5:7b");
        return s;
    }

    // ---- addresses ----

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String rootUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The base URL a correctly configured client uses: root plus the path prefix. */
    public String baseUrl() {
        return rootUrl() + prefix;
    }

    // ---- script ----

    public synchronized ScriptedLlmServer enqueue(Reply reply) {
        script.addLast(r -> reply);
        return this;
    }

    /** A reply computed from the request it answers (e.g. echo the last user message). */
    public synchronized ScriptedLlmServer replyWith(Function<RecordedRequest, Reply> replier) {
        script.addLast(replier);
        return this;
    }

    public ScriptedLlmServer reply(String text) {
        return enqueue(Reply.text(text));
    }

    public ScriptedLlmServer replyFragments(String... fragments) {
        return enqueue(Reply.fragments(fragments));
    }

    public ScriptedLlmServer toolCalls(ToolCall... calls) {
        return enqueue(Reply.toolCalls(calls));
    }

    public ScriptedLlmServer error(int status, String message) {
        return enqueue(Reply.error(status, message));
    }

    public ScriptedLlmServer error(int status, String message, int retryAfterSeconds) {
        return enqueue(Reply.error(status, message, retryAfterSeconds));
    }

    /** Model ids for GET /models (/api/tags for Ollama). */
    public ScriptedLlmServer models(String... ids) {
        this.models = List.of(ids);
        return this;
    }

    /** Make GET /models (/api/tags) fail with this status and message, e.g. 401. */
    public ScriptedLlmServer modelsError(int status, String message) {
        this.modelsError = Reply.error(status, message);
        return this;
    }

    public synchronized int remainingReplies() {
        return script.size();
    }

    // ---- recorded requests ----

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public int requestCount() {
        return requests.size();
    }

    public RecordedRequest lastRequest() {
        return requests.isEmpty() ? null : requests.getLast();
    }

    /** Recorded chat requests only (not /models). */
    public List<RecordedRequest> chatRequests() {
        return requests.stream().filter(r -> r.method().equals("POST")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- HTTP ----

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode json = null;
            if (!body.isBlank()) {
                try {
                    json = JSON.readTree(body);
                } catch (IOException ignored) {
                    // recorded as text only
                }
            }
            String path = ex.getRequestURI().getPath();
            RecordedRequest req = new RecordedRequest(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(),
                    Map.copyOf(ex.getRequestHeaders()), body, json);
            requests.add(req);
            String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
            if (flavour == Flavour.OPENAI) {
                if (method.equals("POST") && path.equals(prefix + "/chat/completions")) {
                    answerOpenAi(ex, req, next(req));
                } else if (method.equals("GET") && path.equals(prefix + "/models")) {
                    if (modelsError != null) {
                        sendError(ex, modelsError);
                    } else {
                        sendJson(ex, 200, openAiModels(), Map.of());
                    }
                } else {
                    sendError(ex, new Reply.Error(404, "invalid_request_error",
                            "Invalid URL (" + method + " " + path + ")", null));
                }
            } else {
                if (method.equals("POST") && path.equals("/api/chat")) {
                    answerOllama(ex, req, next(req));
                } else if (method.equals("GET") && path.equals("/api/tags")) {
                    if (modelsError != null) {
                        sendError(ex, modelsError);
                    } else {
                        sendJson(ex, 200, ollamaTags(), Map.of());
                    }
                } else {
                    // Ollama answers unknown paths with a plain-text 404
                    byte[] bytes = "404 page not found".getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().set("Content-Type", "text/plain");
                    ex.sendResponseHeaders(404, bytes.length);
                    ex.getResponseBody().write(bytes);
                }
            }
        }
    }

    private Reply next(RecordedRequest req) {
        Function<RecordedRequest, Reply> f;
        synchronized (this) {
            f = script.pollFirst();
        }
        if (f == null) {
            return new Reply.Error(500, "server_error", "ScriptedLlmServer: script exhausted — request #"
                    + requestCount() + " to " + req.path() + " has no scripted reply", null);
        }
        return f.apply(req);
    }

    // ---- OpenAI ----

    private void answerOpenAi(HttpExchange ex, RecordedRequest req, Reply reply) throws IOException {
        if (reply instanceof Reply.Error e) {
            sendError(ex, e);
            return;
        }
        Reply.Message m = (Reply.Message) reply;
        String model = req.json() == null ? "unknown" : req.json().path("model").asText("unknown");
        if (!req.streaming()) {
            ObjectNode root = completionEnvelope("chat.completion", model);
            ObjectNode choice = root.putArray("choices").addObject();
            choice.put("index", 0);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            if (m.text().isEmpty() && !m.toolCalls().isEmpty()) {
                message.putNull("content");
            } else {
                message.put("content", m.text());
            }
            if (!m.toolCalls().isEmpty()) {
                ArrayNode calls = message.putArray("tool_calls");
                for (ToolCall c : m.toolCalls()) {
                    ObjectNode call = calls.addObject();
                    call.put("id", c.id());
                    call.put("type", "function");
                    call.putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
                }
            }
            choice.put("finish_reason", m.finishReason());
            if (m.usage() != null) {
                putUsage(root, m.usage());
            }
            sendJson(ex, 200, root, Map.of());
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        // first chunk carries the role, as OpenAI does
        ObjectNode first = chunk(model);
        first.withArray("choices").addObject().put("index", 0).putNull("finish_reason")
                .putObject("delta").put("role", "assistant").put("content", "");
        sse(out, first.toString());
        for (String fragment : m.fragments()) {
            ObjectNode c = chunk(model);
            c.withArray("choices").addObject().put("index", 0).putNull("finish_reason")
                    .putObject("delta").put("content", fragment);
            sse(out, c.toString());
        }
        int index = 0;
        for (ToolCall call : m.toolCalls()) {
            // name and id in one chunk, arguments split in two, as real streams do
            String args = call.argumentsJson();
            int cut = args.length() / 2;
            ObjectNode head = chunk(model);
            ObjectNode tc = head.withArray("choices").addObject().put("index", 0).putNull("finish_reason")
                    .putObject("delta").putArray("tool_calls").addObject();
            tc.put("index", index).put("id", call.id()).put("type", "function");
            tc.putObject("function").put("name", call.name()).put("arguments", args.substring(0, cut));
            sse(out, head.toString());
            ObjectNode tail = chunk(model);
            ObjectNode tc2 = tail.withArray("choices").addObject().put("index", 0).putNull("finish_reason")
                    .putObject("delta").putArray("tool_calls").addObject();
            tc2.put("index", index).putObject("function").put("arguments", args.substring(cut));
            sse(out, tail.toString());
            index++;
        }
        ObjectNode last = chunk(model);
        last.withArray("choices").addObject().put("index", 0).put("finish_reason", m.finishReason()).putObject("delta");
        sse(out, last.toString());
        if (m.usage() != null) {
            ObjectNode usage = chunk(model);
            usage.putArray("choices");
            putUsage(usage, m.usage());
            sse(out, usage.toString());
        }
        sse(out, "[DONE]");
    }

    private static void sse(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode completionEnvelope(String object, String model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-scripted");
        root.put("object", object);
        root.put("created", 1_700_000_000L);
        root.put("model", model);
        return root;
    }

    private static ObjectNode chunk(String model) {
        return completionEnvelope("chat.completion.chunk", model);
    }

    private static void putUsage(ObjectNode root, Usage usage) {
        root.putObject("usage")
                .put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens())
                .put("total_tokens", usage.promptTokens() + usage.completionTokens());
    }

    private ObjectNode openAiModels() {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String id : models) {
            data.addObject().put("id", id).put("object", "model").put("created", 1_700_000_000L).put("owned_by", "scripted");
        }
        return root;
    }

    private void sendError(HttpExchange ex, Reply.Error e) throws IOException {
        if (flavour == Flavour.OLLAMA) {
            ObjectNode body = JSON.createObjectNode().put("error", e.message());
            sendJson(ex, e.status(), body, e.retryAfterSeconds() == null ? Map.of()
                    : Map.of("Retry-After", String.valueOf(e.retryAfterSeconds())));
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", e.message());
        error.put("type", e.type());
        error.putNull("param");
        error.put("code", e.status() == 404 ? "not_found" : e.status() == 401 ? "invalid_api_key" : e.type());
        sendJson(ex, e.status(), body, e.retryAfterSeconds() == null ? Map.of()
                : Map.of("Retry-After", String.valueOf(e.retryAfterSeconds())));
    }

    private static void sendJson(HttpExchange ex, int status, JsonNode body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    // ---- Ollama ----

    private void answerOllama(HttpExchange ex, RecordedRequest req, Reply reply) throws IOException {
        if (reply instanceof Reply.Error e) {
            sendError(ex, e);
            return;
        }
        Reply.Message m = (Reply.Message) reply;
        String model = req.json() == null ? "unknown" : req.json().path("model").asText("unknown");
        // Ollama streams unless told "stream": false
        boolean stream = req.json() == null || req.json().path("stream").asBoolean(true);
        if (!stream) {
            sendJson(ex, 200, ollamaFinal(model, m, m.text(), true), Map.of());
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        for (String fragment : m.fragments()) {
            ObjectNode line = JSON.createObjectNode();
            line.put("model", model).put("created_at", "2026-01-01T00:00:00Z");
            line.putObject("message").put("role", "assistant").put("content", fragment);
            line.put("done", false);
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        out.write((ollamaFinal(model, m, "", false) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode ollamaFinal(String model, Reply.Message m, String content, boolean nonStreaming) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model).put("created_at", "2026-01-01T00:00:00Z");
        ObjectNode message = root.putObject("message").put("role", "assistant").put("content", content);
        if (!m.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolCall c : m.toolCalls()) {
                ObjectNode fn = calls.addObject().putObject("function").put("name", c.name());
                try {
                    fn.set("arguments", JSON.readTree(c.argumentsJson()));
                } catch (IOException e) {
                    throw new IllegalArgumentException("scripted tool call arguments must be JSON: " + c.argumentsJson(), e);
                }
            }
        }
        root.put("done", true);
        root.put("done_reason", "stop");
        if (m.usage() != null) {
            root.put("prompt_eval_count", m.usage().promptTokens());
            root.put("eval_count", m.usage().completionTokens());
        }
        return root;
    }

    private ObjectNode ollamaTags() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode arr = root.putArray("models");
        for (String id : models) {
            arr.addObject().put("name", id).put("model", id).put("modified_at", "2026-01-01T00:00:00Z").put("size", 1);
        }
        return root;
    }

    private static String normalisePrefix(String prefix) {
        if (prefix == null || prefix.isBlank() || prefix.equals("/")) {
            return "";
        }
        String p = prefix.startsWith("/") ? prefix : "/" + prefix;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** Convenience for assertions: every message content of a recorded chat request, in order. */
    public static List<String> messageContents(RecordedRequest request) {
        List<String> out = new ArrayList<>();
        if (request.json() != null) {
            request.json().path("messages").forEach(n -> out.add(n.path("content").asText("")));
        }
        return out;
    }
}
