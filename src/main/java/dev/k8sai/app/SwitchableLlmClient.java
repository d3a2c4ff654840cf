package dev.k8sai.app;

import dev.k8sai.AgentException;
import dev.k8sai.ErrorCategory;
import dev.k8sai.llm.LlmClient;
import dev.k8sai.llm.LlmRequest;
import dev.k8sai.llm.LlmResponse;
import java.util.function.Consumer;

/**
 * The client of a conversation whose model may change between turns (the web page's model switch):
 * the session keeps its messages and sends the next turn through whatever client is current. Only a
 * client with the same tool-calling mode may take over, because the conversation so far is written in
 * that mode's message shapes (native tool calls or ReAct JSON).
 */
final class SwitchableLlmClient implements LlmClient {

    private volatile LlmClient current;

    SwitchableLlmClient(LlmClient first) {
        this.current = first;
    }

    void switchTo(LlmClient next) {
        if (next.nativeToolCalling() != current.nativeToolCalling()) {
            throw new AgentException(ErrorCategory.USAGE, "cannot switch this conversation from " + current.describe()
                    + " to " + next.describe() + ": they use different tool-calling modes (native / react); start a new one");
        }
        current = next;
    }

    @Override
    public String describe() {
        return current.describe();
    }

    @Override
    public String model() {
        return current.model();
    }

    @Override
    public boolean nativeToolCalling() {
        return current.nativeToolCalling();
    }

    @Override
    public LlmResponse chat(LlmRequest request) {
        return current.chat(request);
    }

    @Override
    public LlmResponse stream(LlmRequest request, Consumer<String> onText) {
        return current.stream(request, onText);
    }
}
