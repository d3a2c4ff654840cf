package dev.k8sai.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.config.ProviderProfile;
import dev.k8sai.config.ProviderType;
import dev.k8sai.config.ToolCallingMode;
import dev.k8sai.redact.SecretLedger;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The choke point: every message kind and tool-call argument of a real request is scrubbed by the ledger. */
class ScrubbingLlmClientTest {

    @Test
    void everyTextOfEveryRequestIsScrubbedBeforeItIsSent() {
        String secret = "Zq7-planted-V4lue";
        SecretLedger ledger = new SecretLedger();
        ledger.record(secret);
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.reply("ok").reply("ok");
            LlmClient client = new ScrubbingLlmClient(LlmClients.create(new ProviderProfile("t", ProviderType.OPENAI_COMPATIBLE,
                    server.baseUrl(), "gpt-4o-mini", "TEST_KEY", "sk-test", null, null, java.time.Duration.ofSeconds(10), 0, ToolCallingMode.NATIVE, Map.of()), d -> { }),
                    ledger::scrub);
            LlmRequest request = LlmRequest.of(List.of(
                    new LlmMessage.System("system " + secret),
                    new LlmMessage.User("user " + secret.toUpperCase()),
                    new LlmMessage.Assistant("thinking " + secret, List.of(new ToolCall("c1", "kubectl", "{\"command\": \"echo " + secret + "\"}"))),
                    new LlmMessage.ToolResult("c1", "kubectl", "observed " + java.util.Base64.getEncoder().encodeToString(secret.getBytes()))));

            assertThat(client.chat(request).text()).isEqualTo("ok");
            client.stream(request, t -> { });

            assertThat(server.requests()).hasSize(2).allSatisfy(r -> assertThat(r.body())
                    .doesNotContain(secret).doesNotContain(secret.toUpperCase()).doesNotContain("WnE3LXBsYW50ZWQtVjRsdWU")
                    .contains("system [REDACTED:secret_value]").contains("observed [REDACTED:secret_value]"));
        }
    }
}
