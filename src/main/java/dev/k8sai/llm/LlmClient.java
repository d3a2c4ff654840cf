package dev.k8sai.llm;

import java.util.function.Consumer;

/**
 * The one interface every command uses to talk to a model, whatever the provider. Implementations
 * wrap LangChain4j; they retry 429/5xx/timeouts themselves and turn every provider failure into an
 * {@link LlmException} with one clear line.
 */
public interface LlmClient {

    /** Provider profile name and model, e.g. "openai/gpt-4o-mini" — for messages and cache keys. */
    String describe();

    /** The model this client sends requests to. */
    String model();

    /** Whether tools go as native tool definitions or must be described in the prompt (ReAct JSON). */
    boolean nativeToolCalling();

    /** One blocking round trip. */
    LlmResponse chat(LlmRequest request);

    /** One streamed round trip: {@code onText} receives visible text fragments as they arrive. */
    LlmResponse stream(LlmRequest request, Consumer<String> onText);
}
