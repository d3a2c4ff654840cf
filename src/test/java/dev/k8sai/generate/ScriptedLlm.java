package dev.k8sai.generate;

import dev.k8sai.llm.LlmClient;
import dev.k8sai.llm.LlmRequest;
import dev.k8sai.llm.LlmResponse;
import dev.k8sai.llm.TokenUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/** In-test LlmClient: replays scripted replies in order and records every request. */
final class ScriptedLlm implements LlmClient {

    final List<LlmRequest> requests = new ArrayList<>();
    private final Deque<String> replies;

    ScriptedLlm(String... replies) {
        this.replies = new ArrayDeque<>(List.of(replies));
    }

    @Override
    public String describe() {
        return "scripted/test";
    }

    @Override
    public String model() {
        return "test";
    }

    @Override
    public boolean nativeToolCalling() {
        return false;
    }

    @Override
    public LlmResponse chat(LlmRequest request) {
        requests.add(request);
        if (replies.isEmpty()) {
            throw new AssertionError("unexpected request #" + requests.size());
        }
        return new LlmResponse(replies.pop(), List.of(), new TokenUsage(100, 50), "stop");
    }

    @Override
    public LlmResponse stream(LlmRequest request, Consumer<String> onText) {
        LlmResponse r = chat(request);
        onText.accept(r.text());
        return r;
    }

    static String fenced(String yaml) {
        return "Here are the manifests.\n\n```yaml\n" + yaml + "```\n";
    }
}
