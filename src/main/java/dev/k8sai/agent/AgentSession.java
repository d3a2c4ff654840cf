package dev.k8sai.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.k8sai.llm.LlmClient;
import dev.k8sai.llm.LlmException;
import dev.k8sai.llm.LlmMessage;
import dev.k8sai.llm.LlmRequest;
import dev.k8sai.llm.LlmResponse;
import dev.k8sai.llm.TokenUsage;
import dev.k8sai.llm.ToolCall;
import dev.k8sai.llm.ToolSpec;
import dev.k8sai.llm.output.JsonExtraction;
import dev.k8sai.llm.output.ReactProtocol;
import dev.k8sai.llm.output.ReactStep;
import dev.k8sai.llm.output.ThinkBlocks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The agent loop: model → tool call → observation → … → final answer, bounded by
 * {@link AgentLimits}. Native tool calling when the client supports it, the JSON ReAct protocol
 * otherwise. The conversation is kept between {@link #ask} calls (interactive mode), so the model
 * can ask the user a clarifying question and get the answer as the next question.
 *
 * <p>A run always ends with an answer: on the iteration limit the model is asked once, without
 * tools, to answer from what it has; on the token budget or a provider failure after the first
 * step, the best text seen so far is returned with a note. Tool calls from the model are executed
 * only through {@link AgentTool}s, which apply their own write confirmation: nothing in an
 * observation can approve anything.
 */
public final class AgentSession {

    private final LlmClient client;
    private final Map<String, AgentTool> tools = new LinkedHashMap<>();
    private final AgentLimits limits;
    private AgentListener listener;
    private final ToIntFunction<LlmRequest> tokenEstimator;
    private final boolean nativeTools;
    private final List<LlmMessage> messages = new ArrayList<>();
    private TokenUsage usage = TokenUsage.NONE;
    private java.util.function.Consumer<String> streamSink;
    private int roundTrips;
    /** The accepted action shape is quoted in the first correction only (it is in the system prompt too). */
    private boolean shapeQuoted;
    private dev.k8sai.CancellationToken cancellation = dev.k8sai.CancellationToken.NONE;

    public AgentSession(LlmClient client, List<AgentTool> tools, AgentLimits limits, String systemPrompt,
                        AgentListener listener, ToIntFunction<LlmRequest> tokenEstimator) {
        this.client = client;
        tools.forEach(t -> this.tools.put(t.name(), t));
        this.limits = limits;
        this.listener = listener == null ? AgentListener.SILENT : listener;
        this.tokenEstimator = tokenEstimator;
        this.nativeTools = client.nativeToolCalling();
        String system = nativeTools || tools.isEmpty()
                ? systemPrompt
                : systemPrompt + "\n\n" + ReactProtocol.systemPrompt(specs());
        messages.add(new LlmMessage.System(system));
    }

    /**
     * Streams the model's visible text to {@code sink} as it arrives (native tool calling only);
     * the caller then need not print the answer again. Returns whether streaming is in effect.
     */
    public boolean streamTo(java.util.function.Consumer<String> sink) {
        this.streamSink = sink;
        return sink != null && nativeTools;
    }

    /** The request the next {@link #ask} would send first — what --dry-run prints. */
    public LlmRequest previewRequest(String userText) {
        List<LlmMessage> preview = new ArrayList<>(messages);
        preview.add(new LlmMessage.User(userText));
        return request(preview, true);
    }

    /** Checked before every model call and tool run: a cancelled run ends with a CANCELLED error. */
    public void cancellation(dev.k8sai.CancellationToken token) {
        this.cancellation = token == null ? dev.k8sai.CancellationToken.NONE : token;
    }

    /** Replaces the progress listener (e.g. a spinner per question). */
    public void listener(AgentListener newListener) {
        this.listener = newListener == null ? AgentListener.SILENT : newListener;
    }

    public TokenUsage usage() {
        return usage;
    }

    public int roundTrips() {
        return roundTrips;
    }

    /** Runs the loop for one user message and returns the answer. */
    public AgentResult ask(String userText) {
        List<TranscriptEntry> transcript = new ArrayList<>();
        record(transcript, new TranscriptEntry.UserInput(userText));
        messages.add(new LlmMessage.User(userText));
        String bestSoFar = "";
        boolean retriedUnparseable = false;
        int tripsBefore = roundTrips;
        TokenUsage usageBefore = usage;

        for (int iteration = 1; iteration <= limits.maxIterations(); iteration++) {
            LlmRequest request = request(messages, true);
            if (overBudget(request)) {
                return stop(transcript, StopReason.TOKEN_BUDGET, bestSoFar,
                        "token budget of " + limits.maxTotalTokens() + " reached", tripsBefore, usageBefore);
            }
            LlmResponse response;
            try {
                response = call(iteration, request);
            } catch (LlmException e) {
                if (roundTrips == tripsBefore) {
                    throw e;
                }
                return stop(transcript, StopReason.PROVIDER_ERROR, bestSoFar, e.getMessage(), tripsBefore, usageBefore);
            }
            ThinkBlocks.Split split = ThinkBlocks.split(response.text());
            record(transcript, new TranscriptEntry.ModelTurn(iteration, split.thinking(), split.visible(),
                    response.toolCalls(), response.usage()));

            List<ToolCall> calls = response.toolCalls();
            if (!calls.isEmpty()) {
                // Only the visible text goes into the history: reasoning is not re-sent on every step.
                messages.add(new LlmMessage.Assistant(split.visible(), calls));
                for (ToolCall call : calls) {
                    ToolOutcome outcome = run(call.id(), call.name(), parseArguments(call.argumentsJson()));
                    record(transcript, new TranscriptEntry.ToolRun(iteration, call.name(), call.argumentsJson(), outcome));
                    messages.add(new LlmMessage.ToolResult(call.id(), call.name(), outcome.observation()));
                }
                if (!split.visible().isEmpty()) {
                    bestSoFar = split.visible();
                }
                continue;
            }

            // No native call: the reply is either a JSON ReAct step (also accepted from native-mode
            // models that write the action as text) or the answer itself.
            ReactStep step = tools.isEmpty() ? new ReactStep.FinalAnswer(split.visible()) : ReactProtocol.parse(response.text(), specs());
            switch (step) {
                case ReactStep.FinalAnswer answer -> {
                    messages.add(LlmMessage.Assistant.of(split.visible()));
                    return stop(transcript, StopReason.FINAL_ANSWER, answer.text(), null, tripsBefore, usageBefore);
                }
                case ReactStep.Action action -> {
                    // The history keeps the action as understood, not an observation or answer the model invented beside it.
                    messages.add(LlmMessage.Assistant.of(ReactProtocol.canonical(action)));
                    if (!action.thought().isBlank()) {
                        bestSoFar = action.thought();
                    }
                    ToolOutcome outcome = run("react-" + iteration, action.toolName(), action.input());
                    record(transcript, new TranscriptEntry.ToolRun(iteration, action.toolName(),
                            action.input().toString(), outcome));
                    messages.add(new LlmMessage.User(ReactProtocol.observation(action.toolName(), outcome.observation(),
                            action.ignored())));
                }
                case ReactStep.UnusableAction bad -> {
                    messages.add(LlmMessage.Assistant.of(split.visible()));
                    String correction = ReactProtocol.correction(bad, specs(), !shapeQuoted);
                    shapeQuoted = true;
                    record(transcript, new TranscriptEntry.ToolRun(iteration, bad.toolName(), bad.input(), correction, true));
                    messages.add(new LlmMessage.User(correction));
                }
                case ReactStep.Unparseable bad -> {
                    messages.add(LlmMessage.Assistant.of(split.visible()));
                    if (retriedUnparseable) {
                        return stop(transcript, StopReason.FINAL_ANSWER,
                                split.visible().isEmpty() ? bestSoFar : split.visible(),
                                "the model's reply could not be parsed: " + bad.reason(), tripsBefore, usageBefore);
                    }
                    retriedUnparseable = true;
                    messages.add(new LlmMessage.User(ReactProtocol.retryMessage(bad.reason())));
                }
            }
        }
        return finishAtLimit(transcript, bestSoFar, tripsBefore, usageBefore);
    }

    /** Iteration limit: one last round trip without tools asks for the answer from what was gathered. */
    private AgentResult finishAtLimit(List<TranscriptEntry> transcript, String bestSoFar, int tripsBefore,
                                      TokenUsage usageBefore) {
        messages.add(new LlmMessage.User("You have reached the step limit of " + limits.maxIterations()
                + ". Do not call any more tools. Answer now with what you have found, and say what is still unknown."));
        LlmRequest request = request(messages, false);
        if (overBudget(request)) {
            return stop(transcript, StopReason.ITERATION_LIMIT, bestSoFar,
                    "step limit reached and no token budget left for a final answer", tripsBefore, usageBefore);
        }
        try {
            LlmResponse response = call(limits.maxIterations() + 1, request);
            ThinkBlocks.Split split = ThinkBlocks.split(response.text());
            record(transcript, new TranscriptEntry.ModelTurn(limits.maxIterations() + 1, split.thinking(),
                    split.visible(), List.of(), response.usage()));
            messages.add(LlmMessage.Assistant.of(split.visible()));
            String answer = finalText(split.visible());
            return stop(transcript, StopReason.ITERATION_LIMIT, answer.isBlank() ? bestSoFar : answer,
                    "step limit of " + limits.maxIterations() + " reached", tripsBefore, usageBefore);
        } catch (LlmException e) {
            return stop(transcript, StopReason.PROVIDER_ERROR, bestSoFar, e.getMessage(), tripsBefore, usageBefore);
        }
    }

    /** A ReAct-style model may still wrap its last answer in JSON. */
    private static String finalText(String visible) {
        ReactStep step = ReactProtocol.parse(visible);
        return step instanceof ReactStep.FinalAnswer f ? f.text() : visible;
    }

    private LlmResponse call(int iteration, LlmRequest request) {
        cancellation.throwIfCancelled();
        listener.beforeModelCall(iteration);
        // Streaming only with native tools: ReAct replies are JSON, which is no use to watch.
        LlmResponse response = streamSink != null && nativeTools
                ? client.stream(request, streamSink)
                : client.chat(request);
        roundTrips++;
        TokenUsage u = response.usage();
        if (u.total() == 0) {
            u = new TokenUsage(tokenEstimator.applyAsInt(request), Math.max(1, response.text().length() / 4));
        }
        usage = usage.plus(u);
        return response;
    }

    private boolean overBudget(LlmRequest request) {
        return usage.total() + tokenEstimator.applyAsInt(request) > limits.maxTotalTokens();
    }

    private LlmRequest request(List<LlmMessage> conversation, boolean offerTools) {
        List<ToolSpec> offered = offerTools && nativeTools ? specs() : List.of();
        return new LlmRequest(conversation, offered, null);
    }

    private List<ToolSpec> specs() {
        return tools.values().stream().map(AgentTool::spec).toList();
    }

    private ToolOutcome run(String callId, String name, JsonNode arguments) {
        cancellation.throwIfCancelled();
        AgentTool tool = tools.get(name);
        if (tool == null) {
            return ToolOutcome.refused("There is no tool named '" + name + "'. Available tools: "
                    + String.join(", ", tools.keySet()) + ".");
        }
        try {
            return tool.call(callId, arguments);
        } catch (RuntimeException e) {
            // A tool bug must not end the investigation: the model sees the failure and can adapt.
            return ToolOutcome.of("The tool '" + name + "' failed: " + e.getMessage());
        }
    }

    private static JsonNode parseArguments(String json) {
        if (json == null || json.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        return JsonExtraction.parseLenient(json).orElseGet(() -> JsonNodeFactory.instance.objectNode().put("_raw", json));
    }

    private AgentResult stop(List<TranscriptEntry> transcript, StopReason reason, String answer, String note,
                             int tripsBefore, TokenUsage usageBefore) {
        record(transcript, new TranscriptEntry.Stop(reason, note));
        String text = answer == null || answer.isBlank()
                ? "No answer could be produced" + (note == null ? "." : ": " + note + ".")
                : answer;
        TokenUsage spent = new TokenUsage(usage.input() - usageBefore.input(), usage.output() - usageBefore.output());
        return new AgentResult(text, reason, transcript, spent, roundTrips - tripsBefore);
    }

    private void record(List<TranscriptEntry> transcript, TranscriptEntry entry) {
        transcript.add(entry);
        listener.onEntry(entry);
    }
}
