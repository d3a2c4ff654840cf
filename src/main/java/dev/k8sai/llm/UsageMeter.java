package dev.k8sai.llm;

import java.util.function.Consumer;

/**
 * Accumulates tokens and round trips across a command's LLM calls, for {@code --verbose}
 * ("tokens in/out: 1200/150, round trips: 3") and token budgets. Thread-safe.
 */
public final class UsageMeter {

    private TokenUsage total = TokenUsage.NONE;
    private int roundTrips;

    public synchronized void record(TokenUsage usage) {
        total = total.plus(usage);
        roundTrips++;
    }

    public synchronized TokenUsage total() {
        return total;
    }

    public synchronized int roundTrips() {
        return roundTrips;
    }

    /** "tokens in/out: 1200/150, round trips: 3". */
    public synchronized String summary() {
        return total.summary() + ", round trips: " + roundTrips;
    }

    /**
     * A client that records every successful round trip here; {@code afterCall} (may be null) sees the
     * meter after each one — --verbose prints {@link #summary()} from it.
     */
    public LlmClient meter(LlmClient client, Consumer<UsageMeter> afterCall) {
        UsageMeter self = this;
        return new LlmClient() {
            @Override
            public String describe() {
                return client.describe();
            }

            @Override
            public String model() {
                return client.model();
            }

            @Override
            public boolean nativeToolCalling() {
                return client.nativeToolCalling();
            }

            @Override
            public LlmResponse chat(LlmRequest request) {
                return after(client.chat(request));
            }

            @Override
            public LlmResponse stream(LlmRequest request, Consumer<String> onText) {
                return after(client.stream(request, onText));
            }

            private LlmResponse after(LlmResponse response) {
                record(response.usage());
                if (afterCall != null) {
                    afterCall.accept(self);
                }
                return response;
            }
        };
    }
}
