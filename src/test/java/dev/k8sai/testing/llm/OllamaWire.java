package dev.k8sai.testing.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.k8sai.llm.ToolCall;
import dev.k8sai.testing.llm.ScriptedLlmServer.RecordedRequest;
import dev.k8sai.testing.llm.ScriptedLlmServer.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** How {@link ScriptedLlmServer} writes Ollama's native /api/chat replies (NDJSON when streaming, its default). */
final class OllamaWire {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OllamaWire() {
    }

    static void answer(HttpExchange ex, RecordedRequest req, Reply.Message m) throws IOException {
        String model = req.json() == null ? "unknown" : req.json().path("model").asText("unknown");
        // Ollama streams unless told "stream": false
        boolean stream = req.json() == null || req.json().path("stream").asBoolean(true);
        if (!stream) {
            byte[] bytes = ollamaFinal(model, m, m.text(), true).toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
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

    static ObjectNode ollamaFinal(String model, Reply.Message m, String content, boolean nonStreaming) {
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
        // Ollama says "length" when num_predict cut the reply, else "stop"
        root.put("done_reason", "length".equals(m.finishReason()) ? "length" : "stop");
        if (m.usage() != null) {
            root.put("prompt_eval_count", m.usage().promptTokens());
            root.put("eval_count", m.usage().completionTokens());
        }
        return root;
    }
}
