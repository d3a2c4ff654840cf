package dev.k8sai.testing.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.k8sai.llm.ToolCall;
import dev.k8sai.testing.llm.ScriptedLlmServer.RecordedRequest;
import dev.k8sai.testing.llm.ScriptedLlmServer.Reply;
import dev.k8sai.testing.llm.ScriptedLlmServer.Usage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** How {@link ScriptedLlmServer} writes OpenAI chat completions: JSON, SSE, and the ways real servers misbehave. */
final class OpenAiWire {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiWire() {
    }

    static void answer(HttpExchange ex, RecordedRequest req, Reply.Message m) throws IOException {
        String model = model(req);
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
            send(ex, 200, "application/json", root.toString());
            return;
        }
        OutputStream out = startStream(ex);
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

    static void raw(HttpExchange ex, Reply.Raw raw) throws IOException {
        send(ex, raw.status(), raw.contentType(), raw.body());
    }

    /** Keep-alive comments or trickling text until the client goes away (a write fails) or the server stops. */
    static void endless(HttpExchange ex, RecordedRequest req, Reply.Endless endless) throws IOException {
        OutputStream out = startStream(ex);
        String model = model(req);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (endless.trickle()) {
                    ObjectNode c = chunk(model);
                    c.withArray("choices").addObject().put("index", 0).putNull("finish_reason")
                            .putObject("delta").put("content", "more ");
                    sse(out, c.toString());
                } else {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                Thread.sleep(endless.everyMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientLeft) {
            // the client cut the stream: what a deadline is for
        }
    }

    /** llama-cpp-python's answers to a prompt over n_ctx: an empty 200 stream, or 400 unstreamed. */
    static void overflow(HttpExchange ex, RecordedRequest req, int window) throws IOException {
        if (req.streaming()) {
            startStream(ex);
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error")
                .put("message", "This model's maximum context length is " + window + " tokens. However, you requested "
                        + (req.json().path("messages").toString().length() / 4) + " tokens. Please reduce the length of the messages.")
                .put("type", "invalid_request_error").putNull("param").put("code", "context_length_exceeded");
        send(ex, 400, "application/json", body.toString());
    }

    private static OutputStream startStream(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        return ex.getResponseBody();
    }

    private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static String model(RecordedRequest req) {
        return req.json() == null ? "unknown" : req.json().path("model").asText("unknown");
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
}
