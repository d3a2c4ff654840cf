package dev.k8sai.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.testing.llm.ScriptedLlmServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptPreviewTest {

    @Test
    void rendersEveryMessageToolSchemaAndTokenEstimateWithoutAnyRequest() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            LlmRequest request = new LlmRequest(List.of(
                    new LlmMessage.System("You are a Kubernetes assistant.\nAnswer briefly."),
                    new LlmMessage.User("Why is pod web-1 failing?"),
                    new LlmMessage.Assistant("", List.of(new ToolCall("c1", "kubectl_get", "{\"kind\":\"Pod\"}"))),
                    new LlmMessage.ToolResult("c1", "kubectl_get", "web-1 0/1 CrashLoopBackOff")),
                    List.of(new ToolSpec("kubectl_get", "List resources of a kind",
                            "{\"type\":\"object\",\"properties\":{\"kind\":{\"type\":\"string\"}},\"required\":[\"kind\"]}")),
                    800);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            PromptPreview.print(request, "qwen-plus", new PrintStream(bytes, true, StandardCharsets.UTF_8));

            String out = bytes.toString(StandardCharsets.UTF_8);
            assertThat(out)
                    .contains("=== message 1: system ===\nYou are a Kubernetes assistant.\nAnswer briefly.\n")
                    .contains("=== message 2: user ===\nWhy is pod web-1 failing?\n")
                    .contains("=== message 3: assistant ===\n[tool call c1] kubectl_get {\"kind\":\"Pod\"}")
                    .contains("=== message 4: tool result for kubectl_get (call c1) ===\nweb-1 0/1 CrashLoopBackOff")
                    .contains("- kubectl_get: List resources of a kind")
                    .contains("\"required\" : [ \"kind\" ]")
                    .contains("max output tokens: 800")
                    .contains("estimated input tokens: " + TokenCounter.forModel("qwen-plus").count(request)
                            + " (model qwen-plus, encoding cl100k_base)");
            assertThat(server.requestCount()).isZero();
        }
    }
}
