package dev.k8sai.llm;

import dev.k8sai.config.LocalEndpoints;
import dev.k8sai.config.ProviderProfile;
import dev.k8sai.config.ProviderType;
import dev.k8sai.config.ToolCallingMode;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@link LlmClient} over a LangChain4j chat model pair, with our retry loop, error mapping and per-call
 * bounds: an output limit on every request, a total deadline per call ({@link CallDeadline}), the
 * prompt kept inside the context window before sending, and an empty reply reported as a failure.
 */
final class LangChainLlmClient implements LlmClient {

    private final ProviderProfile profile;
    private final String baseUrl;
    private final ChatModel chatModel;
    private final StreamingChatModel streamingModel;
    private final RetryPolicy retry;
    private final CallDeadline deadlines;
    private final TokenCounter counter;

    LangChainLlmClient(ProviderProfile profile, String baseUrl, ChatModel chatModel, StreamingChatModel streamingModel,
                       RetryPolicy retry, CallDeadline deadlines) {
        this.profile = profile;
        this.baseUrl = baseUrl;
        this.chatModel = chatModel;
        this.streamingModel = streamingModel;
        this.retry = retry;
        this.deadlines = deadlines;
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
        Sized sized = size(request);
        ChatRequest chatRequest = toChatRequest(request, sized.maxOutput());
        return withRetries(() -> {
            deadlines.open(timeout());
            try {
                return checked(toResponse(chatModel.chat(chatRequest), sized.promptTokens()));
            } finally {
                deadlines.close();
            }
        }, () -> true);
    }

    @Override
    public LlmResponse stream(LlmRequest request, Consumer<String> onText) {
        Sized sized = size(request);
        ChatRequest chatRequest = toChatRequest(request, sized.maxOutput());
        AtomicBoolean emitted = new AtomicBoolean();
        // Retrying after fragments were shown would print them twice, so only a failure before the first
        // fragment is retried.
        return withRetries(() -> checked(streamOnce(chatRequest, sized, onText, emitted)), () -> !emitted.get());
    }

    /** The prompt's size and the output limit this request gets; a prompt that cannot fit is refused unsent. */
    private record Sized(int promptTokens, int maxOutput) { }

    private Sized size(LlmRequest request) {
        int prompt = counter.count(request);
        int window = LlmClients.contextWindow(profile);
        int maxOutput = LlmClients.maxOutputTokens(profile, request.maxOutputTokens());
        int room = window - prompt;
        if (room < Math.min(maxOutput, LlmClients.MIN_OUTPUT_ROOM)) {
            throw new LlmException(LlmException.Kind.CONTEXT_OVERFLOW, "the request (about " + prompt
                    + " tokens) does not fit the context window of " + window + " tokens of " + describe()
                    + " (set the profile's contextWindow if the server allows more)", null, null);
        }
        return new Sized(prompt, Math.min(maxOutput, room));
    }

    private LlmResponse streamOnce(ChatRequest chatRequest, Sized sized, Consumer<String> onText, AtomicBoolean emitted) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        int[] outputTokens = {0};
        // A server that ignores max_tokens is cut by the client, with some slack for tokenizer differences.
        int cutAt = sized.maxOutput() + sized.maxOutput() / 10 + 16;
        CallDeadline.Call call = deadlines.open(timeout());
        try {
            streamingModel.chat(chatRequest, new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partial) {
                    if (partial != null && !partial.isEmpty()) {
                        text.append(partial);
                        count(partial);
                        emitted.set(true);
                        onText.accept(partial);
                    }
                }

                @Override
                public void onPartialToolCall(PartialToolCall partial) {
                    count(partial.partialArguments());
                }

                private void count(String fragment) {
                    outputTokens[0] += fragment == null ? 0 : counter.count(fragment);
                    if (outputTokens[0] > cutAt) {
                        call.stop(CallDeadline.Stop.OUTPUT_LIMIT);
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
            ChatResponse response = await(done, call);
            return toResponse(response, sized.promptTokens());
        } catch (RuntimeException e) {
            if (call.stopped() == CallDeadline.Stop.OUTPUT_LIMIT) {
                // What arrived is kept, marked as cut at the length limit: a truncated tool call is never run.
                return new LlmResponse(text.toString(), List.of(),
                        TokenUsage.estimate(sized.promptTokens(), outputTokens[0]), "length");
            }
            if (call.stopped() == CallDeadline.Stop.DEADLINE) {
                throw timeoutException(e);
            }
            throw e;
        } finally {
            deadlines.close();
        }
    }

    private ChatResponse await(CompletableFuture<ChatResponse> done, CallDeadline.Call call) {
        try {
            // Our HTTP client streams on this thread, so this normally returns at once; the bound guards
            // against a handler that never completes.
            return done.get(call.remaining().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw timeoutException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException(LlmException.Kind.TIMEOUT, "interrupted while waiting for " + describe(), null, e);
        }
    }

    private LlmException timeoutException(Throwable cause) {
        return new LlmException(LlmException.Kind.TIMEOUT, "no complete answer from " + describe() + " at " + baseUrl
                + " within the total deadline of " + timeout().toSeconds() + "s (the profile's timeoutSeconds)", null, cause);
    }

    private LlmResponse withRetries(Supplier<LlmResponse> call, Supplier<Boolean> mayRetry) {
        int attempt = 0;
        while (true) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                ProviderErrors.Failure failure = ProviderErrors.classify(e, profile, baseUrl);
                if (!retryable(failure) || attempt >= retry.maxRetries() || !mayRetry.get()) {
                    throw attempt == 0 ? failure.exception() : withAttempts(failure.exception(), attempt + 1);
                }
                attempt++;
                retry.sleep(retry.delay(attempt, failure.retryAfter()));
            }
        }
    }

    /**
     * A server with one slot keeps generating a reply the client gave up on, so a retry after a timeout
     * would only queue behind it: timeouts are retried only where requests run in parallel.
     */
    private boolean retryable(ProviderErrors.Failure failure) {
        if (!failure.retryable()) {
            return false;
        }
        return failure.exception().kind() != LlmException.Kind.TIMEOUT || serverRunsParallel();
    }

    private boolean serverRunsParallel() {
        Boolean configured = profile.limits().parallelRequests();
        return configured != null ? configured : !LocalEndpoints.isLocal(baseUrl);
    }

    private static LlmException withAttempts(LlmException e, int attempts) {
        return new LlmException(e.kind(), e.getMessage() + " (after " + attempts + " attempts)", e.detail(), e.getCause());
    }

    private ChatRequest toChatRequest(LlmRequest request, int maxOutput) {
        ChatRequest.Builder b = ChatRequest.builder().messages(MessageMapping.toLangChain(request.messages()));
        if (nativeToolCalling() && !request.tools().isEmpty()) {
            b.toolSpecifications(MessageMapping.toLangChainTools(request.tools()));
            // llama-cpp-python's function-calling chat formats render the tools only when tool_choice is sent.
            if (profile.type() != ProviderType.OLLAMA) {
                b.toolChoice(ToolChoice.AUTO);
            }
        }
        return b.maxOutputTokens(maxOutput).build();
    }

    private LlmResponse toResponse(ChatResponse response, int promptTokens) {
        if (response == null || response.aiMessage() == null) {
            throw emptyReply();
        }
        var ai = response.aiMessage();
        String text = ai.text() == null ? "" : ai.text();
        var calls = MessageMapping.fromLangChain(ai.toolExecutionRequests());
        return new LlmResponse(text, calls, usage(response, promptTokens, text, calls), finishReason(response.finishReason()));
    }

    /** A reply with neither text nor a tool call is no answer (an empty stream, {@code choices: []}, an HTML page). */
    private LlmResponse checked(LlmResponse response) {
        if (response.text().isBlank() && response.toolCalls().isEmpty() && !"length".equals(response.finishReason())) {
            throw emptyReply();
        }
        return response;
    }

    private LlmException emptyReply() {
        return new LlmException(LlmException.Kind.EMPTY_REPLY, describe() + " at " + baseUrl + " sent an empty reply"
                + " (llama.cpp-style servers do this when the prompt exceeds their context window)", null, null);
    }

    /** Provider-reported usage when present; otherwise a jtokkit estimate (many compatible servers report none). */
    private TokenUsage usage(ChatResponse response, int promptTokens, String text, List<ToolCall> calls) {
        var u = response.tokenUsage();
        Integer in = u == null ? null : u.inputTokenCount();
        Integer out = u == null ? null : u.outputTokenCount();
        boolean inReported = in != null && in > 0;
        boolean outReported = out != null && (out > 0 || inReported);
        return new TokenUsage(inReported ? in : promptTokens, outReported ? out : counter.countOutput(text, calls),
                !inReported || !outReported);
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
