package dev.k8sai.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sai.config.ProviderProfile;
import dev.k8sai.config.ProviderType;
import dev.k8sai.config.ServerLimits;
import dev.k8sai.config.ToolCallingMode;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import dev.k8sai.testing.llm.ScriptedLlmTest;
import dev.k8sai.testing.llm.ScriptedLlmServer.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 points 1–3 and 8, issue 10 classes 7–8 at the client: the bounds every request carries and the
 * real servers' misbehaviours (scripted), each ending in a clear {@link LlmException} or a marked reply.
 * Deadlines are small configured values; the assertions are "the call ended and said so", never a duration.
 */
class ProviderLimitsTest extends ScriptedLlmTest {

    private final List<Duration> slept = new CopyOnWriteArrayList<>();

    private LlmClient client(int timeoutSeconds, ServerLimits limits) {
        return LlmClients.create(new ProviderProfile("local", ProviderType.OPENAI_COMPATIBLE, server.baseUrl(), "qwen",
                null, null, null, null, Duration.ofSeconds(timeoutSeconds), 2, ToolCallingMode.NATIVE, Map.of(), limits),
                slept::add);
    }

    private static LlmRequest ask(String text) {
        return new LlmRequest(List.of(new LlmMessage.User(text)),
                List.of(new ToolSpec("kubectl_get", "get objects", "{\"type\":\"object\",\"properties\":{}}")), null);
    }

    @Test
    void everyRequestCarriesAnOutputLimitAndToolChoiceAutoWhenToolsAreOffered() {
        server.reply("ok").reply("ok");
        client(10, ServerLimits.NONE).chat(ask("hi"));
        client(10, new ServerLimits(null, 300, null)).chat(LlmRequest.of(List.of(new LlmMessage.User("hi"))));

        var first = server.chatRequests().get(0).json();
        assertThat(first.path("max_tokens").asInt()).isEqualTo(LlmClients.DEFAULT_MAX_OUTPUT_TOKENS);
        assertThat(first.path("tool_choice").asText()).isEqualTo("auto");
        var second = server.chatRequests().get(1).json();
        assertThat(second.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(second.has("tool_choice")).isFalse();
    }

    @Test
    void toolsAreSeenByAServerThatRendersThemOnlyWithToolChoice() {
        server.toolsNeedToolChoice().toolCalls(new ToolCall("c1", "kubectl_get", "{}"));
        LlmResponse r = client(10, ServerLimits.NONE).chat(ask("list pods"));
        assertThat(r.toolCalls()).extracting(ToolCall::name).containsExactly("kubectl_get");
    }

    @Test
    void aPromptOverTheConfiguredContextWindowIsRefusedBeforeSending() {
        LlmClient client = client(10, new ServerLimits(300, 100, null));
        assertThatThrownBy(() -> client.chat(ask("x".repeat(4000))))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.CONTEXT_OVERFLOW);
                    assertThat(e.getMessage()).contains("context window of 300");
                });
        assertThat(server.chatRequests()).isEmpty();
    }

    @Test
    void theOutputLimitShrinksToTheRoomLeftInTheWindow() {
        server.reply("ok");
        client(10, new ServerLimits(1000, null, null)).chat(ask("x ".repeat(400)));
        int sent = server.lastRequest().json().path("max_tokens").asInt();
        assertThat(sent).isLessThan(1000 - 300).isGreaterThan(256);
    }

    @Test
    void overflowAsAnEmptyStreamIsAnEmptyReplyFailureAndAs400IsContextOverflow_neitherRetried() {
        server.contextWindow(50);
        LlmClient client = client(10, ServerLimits.NONE);
        assertThatThrownBy(() -> client.stream(ask("y".repeat(1000)), t -> { }))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.EMPTY_REPLY));
        assertThatThrownBy(() -> client.chat(ask("y".repeat(1000))))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.CONTEXT_OVERFLOW);
                    assertThat(e.getMessage()).contains("maximum context length is 50");
                });
        assertThat(server.chatRequests()).hasSize(2);
    }

    @Test
    void finishReasonLengthIsReportedWithTheTruncatedToolCall() {
        server.enqueue(Reply.truncatedToolCall(new ToolCall("c1", "kubectl_get", "{\"kind\":")));
        LlmResponse r = client(10, ServerLimits.NONE).stream(ask("list"), t -> { });
        assertThat(r.finishReason()).isEqualTo("length");
    }

    @Test
    void aKeepAliveStreamEndsAtTheTotalDeadline_notRetriedForALocalServer() {
        server.enqueue(Reply.keepAlives());
        assertThatThrownBy(() -> client(1, ServerLimits.NONE).stream(ask("hi"), t -> { }))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.TIMEOUT);
                    assertThat(e.getMessage()).contains("total deadline of 1s");
                });
        assertThat(server.chatRequests()).hasSize(1);
    }

    /** A stream that goes silent after its headers: the deadline closes it, a blocked read does not outlive it. */
    @Test
    void aSilentStreamEndsAtTheTotalDeadline() {
        server.enqueue(new Reply.Endless(false, 600_000));
        long start = System.nanoTime();
        assertThatThrownBy(() -> client(1, ServerLimits.NONE).stream(ask("hi"), t -> { }))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.TIMEOUT));
        // not a timing assertion on the deadline itself: only that the call did not wait for the 10-minute silence
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofMinutes(5));
    }

    @Test
    void aTricklingStreamIsCutAtTheOutputLimitAndMarkedAsLength() {
        server.enqueue(Reply.trickle());
        StringBuilder shown = new StringBuilder();
        LlmResponse r = client(30, new ServerLimits(null, 40, null)).stream(ask("hi"), shown::append);
        assertThat(r.finishReason()).isEqualTo("length");
        assertThat(r.text()).isEqualTo(shown.toString()).startsWith("more more");
        assertThat(r.usage().estimated()).isTrue();
    }

    @Test
    void aTricklingStreamUnderAHighOutputLimitStillEndsAtTheDeadline() {
        server.enqueue(Reply.trickle());
        assertThatThrownBy(() -> client(1, new ServerLimits(null, 100_000, null)).stream(ask("hi"), t -> { }))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.TIMEOUT));
    }

    @Test
    void aSingleSlotServerStillGeneratingIsNotAskedAgainAfterATimeout() {
        server.singleSlot().enqueue(new Reply.Slow(Duration.ofSeconds(3), Reply.text("late")));
        assertThatThrownBy(() -> client(1, ServerLimits.NONE).chat(ask("hi")))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.TIMEOUT));
        assertThat(server.chatRequests()).hasSize(1);
        assertThat(slept).isEmpty();
    }

    @Test
    void timeoutsAreRetriedWhenTheProfileSaysTheServerRunsRequestsInParallel() {
        server.enqueue(new Reply.Slow(Duration.ofSeconds(3), Reply.text("late"))).reply("on time");
        LlmResponse r = client(1, new ServerLimits(null, null, true)).chat(ask("hi"));
        assertThat(r.text()).isEqualTo("on time");
        assertThat(server.chatRequests()).hasSize(2);
    }

    @Test
    void emptyHtmlAndEmptyChoicesStreamsAreFailuresNotAnswers() {
        server.enqueue(new Reply.Raw(200, "text/event-stream", "data: [DONE]\n\n"))
                .enqueue(new Reply.Raw(200, "text/html", "<html><body>proxy login</body></html>"))
                .enqueue(Reply.emptyChoicesStream());
        LlmClient client = client(10, new ServerLimits(null, null, null));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> client.stream(ask("hi"), t -> { })).isInstanceOf(LlmException.class);
        }
    }

    /** llama.cpp reports some failures as an error event inside a 200 stream: a failure, not an empty answer. */
    @Test
    void anErrorEventInsideTheStreamIsAFailure() {
        server.enqueue(new Reply.Raw(200, "text/event-stream",
                "data: {\"error\":{\"message\":\"the request exceeds the available context size\",\"type\":\"exceed_context_size_error\"}}\n\n"));
        assertThatThrownBy(() -> client(10, ServerLimits.NONE).stream(ask("hi"), t -> { })).isInstanceOf(LlmException.class);
    }

    @Test
    void usageAbsentFromTheServerIsAnEstimateAndMarkedSo() {
        server.reply("an answer of a few words");
        LlmResponse r = client(10, ServerLimits.NONE).stream(ask("hi"), t -> { });
        assertThat(r.usage().estimated()).isTrue();
        assertThat(r.usage().input()).isPositive();
        server.enqueue(Reply.text("counted").withUsage(12, 3));
        assertThat(client(10, ServerLimits.NONE).chat(ask("hi")).usage()).isEqualTo(new TokenUsage(12, 3));
    }

    @Test
    void ollamaDoneReasonLengthIsReadAndNumPredictIsSent() {
        try (ScriptedLlmServer ollama = ScriptedLlmServer.ollama()) {
            ollama.enqueue(Reply.text("a reply cut short").withFinishReason("length"));
            LlmClient client = LlmClients.create(new ProviderProfile("ollama", ProviderType.OLLAMA, ollama.rootUrl(), "qwen2.5:7b",
                    null, null, null, null, Duration.ofSeconds(10), 0, ToolCallingMode.NATIVE, Map.of(),
                    new ServerLimits(null, 256, null)));
            LlmResponse r = client.stream(ask("hi"), t -> { });
            assertThat(r.finishReason()).isEqualTo("length");
            assertThat(ollama.lastRequest().json().path("options").path("num_predict").asInt()).isEqualTo(256);
        }
    }

    @Test
    void aLocalServerNeedsNoKey() {
        server.reply("ok");
        LlmClient client = LlmClients.create(new ProviderProfile("openai", ProviderType.OPENAI, server.baseUrl(), "qwen",
                "OPENAI_API_KEY", null, null, null, Duration.ofSeconds(10), 0, ToolCallingMode.NATIVE, Map.of()));
        assertThat(client.chat(ask("hi")).text()).isEqualTo("ok");
        assertThat(server.lastRequest().header("Authorization")).isNull();
    }
}
