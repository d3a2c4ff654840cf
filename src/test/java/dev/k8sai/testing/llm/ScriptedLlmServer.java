package dev.k8sai.testing.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.k8sai.llm.ToolCall;
import java.io.IOException;
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

        /** This exact body, status and content type (an HTML error page, an SSE stream with {@code choices: []}). */
        record Raw(int status, String contentType, String body) implements Reply { }

        /**
         * A 200 SSE stream that never ends (until the client leaves): SSE keep-alive comments only, or text
         * fragments trickling in ({@code trickle}), one every {@code everyMillis}.
         */
        record Endless(boolean trickle, int everyMillis) implements Reply { }

        /**
         * A reply the model needs {@code generating} to produce; with {@link #singleSlot()} the server keeps
         * generating it after the client left, and later requests wait (llama-cpp-python serves one at a time).
         */
        record Slow(java.time.Duration generating, Reply then) implements Reply { }

        /** A tool call cut at the output limit: {@code finish_reason: length}, arguments as far as they got. */
        static Message truncatedToolCall(ToolCall partial) {
            return new Message(List.of(), List.of(partial), null, "length");
        }

        static Raw html(int status) {
            return new Raw(status, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>"
                    + "<p>nginx</p></body></html>");
        }

        /** A streamed reply whose chunks carry {@code choices: []}: no text, no finish reason. */
        static Raw emptyChoicesStream() {
            String chunk = "{\"id\":\"chatcmpl-x\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[]}";
            return new Raw(200, "text/event-stream", "data: " + chunk + "\n\ndata: " + chunk + "\n\ndata: [DONE]\n\n");
        }

        static Endless keepAlives() {
            return new Endless(false, 50);
        }

        static Endless trickle() {
            return new Endless(true, 20);
        }

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
    private volatile Integer contextWindow;
    private volatile boolean toolsNeedToolChoice;
    private final java.util.concurrent.Semaphore slot = new java.util.concurrent.Semaphore(1, true);
    private volatile boolean singleSlot;

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

    /**
     * Behave like llama-cpp-python with {@code n_ctx} of this many tokens (estimated as request characters / 4): a
     * prompt over it gets an empty 200 stream when streamed, a 400 {@code context_length_exceeded} otherwise. Such
     * requests use no scripted reply.
     */
    public ScriptedLlmServer contextWindow(int tokens) {
        this.contextWindow = tokens;
        return this;
    }

    /** Like llama-cpp-python's chatml-function-calling: tools are seen only when the request sends tool_choice. */
    public ScriptedLlmServer toolsNeedToolChoice() {
        this.toolsNeedToolChoice = true;
        return this;
    }

    /** One request generates at a time; {@link Reply.Slow} replies keep the slot after the client left. */
    public ScriptedLlmServer singleSlot() {
        this.singleSlot = true;
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
                    if (overflows(req)) {
                        OpenAiWire.overflow(ex, req, contextWindow);
                        return;
                    }
                    if (singleSlot) {
                        slot.acquireUninterruptibly();
                    }
                    try {
                        answerOpenAi(ex, req, next(req));
                    } finally {
                        if (singleSlot) {
                            slot.release();
                        }
                    }
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

    private boolean overflows(RecordedRequest req) {
        Integer window = contextWindow;
        return window != null && req.json() != null && req.json().path("messages").toString().length() / 4 > window;
    }

    /** Generating a slow reply takes its time (holding the single slot) whether or not the client is still there. */
    private static void generating(java.time.Duration time) {
        try {
            Thread.sleep(time);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        switch (reply) {
            case Reply.Error e -> sendError(ex, e);
            case Reply.Message m -> {
                Reply.Message shown = toolsNeedToolChoice && !req.json().path("tools").isEmpty()
                        && req.json().path("tool_choice").isMissingNode() && !m.toolCalls().isEmpty()
                        // llama-cpp-python's chatml-function-calling renders no tools without tool_choice: the
                        // model never saw them and writes text instead.
                        ? Reply.text("functions." + m.toolCalls().getFirst().name() + ":")
                        : m;
                OpenAiWire.answer(ex, req, shown);
            }
            case Reply.Raw raw -> OpenAiWire.raw(ex, raw);
            case Reply.Endless endless -> OpenAiWire.endless(ex, req, endless);
            case Reply.Slow slow -> {
                generating(slow.generating());
                answerOpenAi(ex, req, slow.then());
            }
        }
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
        switch (reply) {
            case Reply.Error e -> sendError(ex, e);
            case Reply.Message m -> OllamaWire.answer(ex, req, m);
            default -> throw new IllegalArgumentException("the Ollama flavour plays text, tool calls and errors, not " + reply);
        }
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
