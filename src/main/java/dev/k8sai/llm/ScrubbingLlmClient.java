package dev.k8sai.llm;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The one choke point every request passes on its way to a provider: each message text and tool-call
 * argument goes through {@code scrubber} (the run's secret ledger) first. Whatever road a secret value
 * took into the conversation — an innocent field name, a reshaping pipeline stage — it is removed here.
 */
public final class ScrubbingLlmClient implements LlmClient {

    private final LlmClient inner;
    private final UnaryOperator<String> scrubber;

    public ScrubbingLlmClient(LlmClient inner, UnaryOperator<String> scrubber) {
        this.inner = inner;
        this.scrubber = scrubber;
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public String model() {
        return inner.model();
    }

    @Override
    public boolean nativeToolCalling() {
        return inner.nativeToolCalling();
    }

    @Override
    public LlmResponse chat(LlmRequest request) {
        return inner.chat(scrub(request));
    }

    @Override
    public LlmResponse stream(LlmRequest request, Consumer<String> onText) {
        return inner.stream(scrub(request), onText);
    }

    LlmRequest scrub(LlmRequest request) {
        return new LlmRequest(request.messages().stream().map(m -> scrub(m, scrubber)).toList(), request.tools(),
                request.maxOutputTokens());
    }

    /**
     * One message as it would leave for the provider. Also for a conversation that leaves the run (saved,
     * or carried into a run with another ledger): the history holds values the ledger learnt only later.
     */
    public static LlmMessage scrub(LlmMessage message, UnaryOperator<String> scrubber) {
        return switch (message) {
            case LlmMessage.System s -> new LlmMessage.System(scrubber.apply(s.text()));
            case LlmMessage.User u -> new LlmMessage.User(scrubber.apply(u.text()));
            case LlmMessage.Assistant a -> new LlmMessage.Assistant(scrubber.apply(a.text()), a.toolCalls().stream()
                    .map(c -> new ToolCall(c.id(), c.name(), scrubber.apply(c.argumentsJson()))).toList());
            case LlmMessage.ToolResult t -> new LlmMessage.ToolResult(t.callId(), t.toolName(), scrubber.apply(t.text()));
        };
    }
}
