package dev.k8sai.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sai.config.ProviderProfile;
import dev.k8sai.config.ProviderType;
import dev.k8sai.config.ToolCallingMode;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import dev.k8sai.testing.llm.ScriptedLlmServer.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The native Ollama provider (langchain4j-ollama) against the scripted /api/chat. */
class OllamaClientTest {

    private static ProviderProfile ollama(String host) {
        return new ProviderProfile("local", ProviderType.OLLAMA, host, "llama3.2", null, null, null, null,
                Duration.ofSeconds(10), 1, ToolCallingMode.NATIVE, Map.of());
    }

    private static LlmRequest ask(String q) {
        return LlmRequest.of(List.of(new LlmMessage.User(q)));
    }

    @Test
    void chatStreamAndToolCallsOverTheNativeApi() {
        try (ScriptedLlmServer server = ScriptedLlmServer.ollama()) {
            server.enqueue(Reply.text("<think>x</think>plain").withUsage(12, 3));
            server.replyFragments("str", "eam", "ed");
            server.toolCalls(new ToolCall(null, "kubectl_get", "{\"kind\":\"Pod\"}"));
            // host without scheme, as OLLAMA_HOST is often written
            LlmClient client = LlmClients.create(ollama("127.0.0.1:" + server.port()), d -> { });

            LlmResponse plain = client.chat(ask("hi"));
            assertThat(plain.text()).isEqualTo("<think>x</think>plain");
            assertThat(plain.usage()).isEqualTo(new TokenUsage(12, 3));
            assertThat(server.lastRequest().path()).isEqualTo("/api/chat");
            assertThat(server.lastRequest().json().path("model").asText()).isEqualTo("llama3.2");

            List<String> seen = new ArrayList<>();
            assertThat(client.stream(ask("hi"), seen::add).text()).isEqualTo("streamed");
            assertThat(seen).containsExactly("str", "eam", "ed");

            LlmResponse call = client.chat(new LlmRequest(ask("pods").messages(),
                    List.of(new ToolSpec("kubectl_get", "get", "{\"type\":\"object\",\"properties\":{\"kind\":{\"type\":\"string\"}}}")), null));
            assertThat(call.toolCalls()).hasSize(1);
            assertThat(call.toolCalls().getFirst().name()).isEqualTo("kubectl_get");
            assertThat(call.toolCalls().getFirst().argumentsJson()).isEqualTo("{\"kind\":\"Pod\"}");
            assertThat(server.lastRequest().json().path("tools").get(0).path("function").path("name").asText())
                    .isEqualTo("kubectl_get");
        }
    }

    @Test
    void unknownModelIsNotFound() {
        try (ScriptedLlmServer server = ScriptedLlmServer.ollama()) {
            server.error(404, "model \"llama3.2\" not found, try pulling it first");
            LlmClient client = LlmClients.create(ollama(server.rootUrl()), d -> { });

            assertThatThrownBy(() -> client.chat(ask("hi")))
                    .isInstanceOfSatisfying(LlmException.class, e -> {
                        assertThat(e.kind()).isEqualTo(LlmException.Kind.NOT_FOUND);
                        assertThat(e.getMessage()).contains(server.rootUrl() + "/api/chat").contains("check the model name 'llama3.2'");
                    });
        }
    }
}
