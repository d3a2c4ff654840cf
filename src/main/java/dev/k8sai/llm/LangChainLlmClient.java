package dev.k8sai.llm;

import dev.k8sai.config.ProviderProfile;
import dev.k8sai.config.ToolCallingMode;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** {@link LlmClient} over a LangChain4j chat model pair, with our retry loop and error mapping. */
final class LangChainLlmClient implements LlmClient {

    private final ProviderProfile profile;
    private final String baseUrl;
    private final ChatModel chatModel;
    private final StreamingChatModel streamingModel;
    private final RetryPolicy retry;
    private final TokenCounter counter;

    LangChainLlmClient(ProviderProfile profile, String baseUrl, ChatModel chatModel, StreamingChatModel streamingModel,
                       RetryPolicy retry) {
        this.profile = profile;
        this.baseUrl = baseUrl;
        this.chatModel = chatModel;
        this.streamingModel = streamingModel;
        this.retry = retry;
        this.counter = TokenCounter.forModel(profile.model());
    }

    @Override
    public String describe() {
        return (profile.name() == null ? profile.type().name().toLowerCase(Locale.ROOT) : profile.name()) + "/" + profile.model();
    }

    @Override
    public String model() {
        return profile.model();
    }

    @Override
    public boolean nativeToolCalling() {
        return profile.toolCalling() != ToolCallingMode.REACT;
    }

    @Override
    public LlmResponse chat(LlmRequest request) {
        ChatRequest chatRequest = toChatRequest(request);
        return withRetries(() -> toResponse(chatModel.chat(chatRequest), request), () -> true);
    }

    @Override
    public LlmResponse stream(LlmRequest request, Consumer<String> onText) {
        ChatRequest chatRequest = toChatRequest(request);
        AtomicBoolean emitted = new AtomicBoolean();
        // Retrying after fragments were shown would print them twice, so only a failure before the first
        // fragment is retried.
        return withRetries(() -> toResponse(streamOnce(chatRequest, onText, emitted), request), () -> !emitted.get());
    }

    private ChatResponse streamOnce(ChatRequest chatRequest, Consumer<String> onText, AtomicBoolean emitted) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        streamingModel.chat(chatRequest, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                if (partial != null && !partial.isEmpty()) {
                    emitted.set(true);
                    onText.accept(partial);
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        try {
            // Our HTTP client streams on this thread, so this normally returns at once; the bound guards
            // against a handler that never completes.
            return done.get(timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new LlmException(LlmException.Kind.TIMEOUT, "no complete answer from " + describe() + " within "
                    + timeout().toSeconds() + "s", null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException(LlmException.Kind.TIMEOUT, "interrupted while waiting for " + describe(), null, e);
        }
    }

    private LlmResponse withRetries(Supplier<LlmResponse> call, Supplier<Boolean> mayRetry) {
        int attempt = 0;
        while (true) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                ProviderErrors.Failure failure = ProviderErrors.classify(e, profile, baseUrl);
                if (!failure.retryable() || attempt >= retry.maxRetries() || !mayRetry.get()) {
                    throw attempt == 0 ? failure.exception() : withAttempts(failure.exception(), attempt + 1);
                }
                attempt++;
                retry.sleep(retry.delay(attempt, failure.retryAfter()));
            }
        }
    }

    private static LlmException withAttempts(LlmException e, int attempts) {
        return new LlmException(e.kind(), e.getMessage() + " (after " + attempts + " attempts)", e.detail(), e.getCause());
    }

    private ChatRequest toChatRequest(LlmRequest request) {
        ChatRequest.Builder b = ChatRequest.builder().messages(MessageMapping.toLangChain(request.messages()));
        if (nativeToolCalling() && !request.tools().isEmpty()) {
            b.toolSpecifications(MessageMapping.toLangChainTools(request.tools()));
        }
        if (request.maxOutputTokens() != null) {
            b.maxOutputTokens(request.maxOutputTokens());
        }
        return b.build();
    }

    private LlmResponse toResponse(ChatResponse response, LlmRequest request) {
        if (response == null || response.aiMessage() == null) {
            throw new LlmException(LlmException.Kind.BAD_RESPONSE, describe() + " sent an empty reply", null, null);
        }
        var ai = response.aiMessage();
        String text = ai.text() == null ? "" : ai.text();
        var calls = MessageMapping.fromLangChain(ai.toolExecutionRequests());
        return new LlmResponse(text, calls, usage(response, request, text, calls), finishReason(response.finishReason()));
    }

    /** Provider-reported usage when present; otherwise a jtokkit estimate (many compatible servers report none). */
    private TokenUsage usage(ChatResponse response, LlmRequest request, String text, java.util.List<ToolCall> calls) {
        var u = response.tokenUsage();
        Integer in = u == null ? null : u.inputTokenCount();
        Integer out = u == null ? null : u.outputTokenCount();
        return new TokenUsage(in != null && in > 0 ? in : counter.count(request),
                out != null && (out > 0 || in != null && in > 0) ? out : counter.countOutput(text, calls));
    }

    private static String finishReason(FinishReason reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case TOOL_EXECUTION -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
            default -> "other";
        };
    }

    private Duration timeout() {
        return profile.timeout() == null ? LlmClients.DEFAULT_TIMEOUT : profile.timeout();
    }
}
