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
    private ActionHoldBack held;
    private int roundTrips;
    /** The accepted action shape is quoted in the first correction only (it is in the system prompt too). */
    private boolean shapeQuoted;
    private dev.k8sai.CancellationToken cancellation = dev.k8sai.CancellationToken.NONE;
    /** Output limit of one agent step (a tool call or an answer); a profile's maxOutputTokens caps it. */
    static final int STEP_OUTPUT_TOKENS = 2048;

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

    /** The conversation after the system prompt: what a saved chat keeps (observations were redacted when added). */
    public List<LlmMessage> conversation() {
        return List.copyOf(messages.subList(1, messages.size()));
    }

    /** Continues a conversation (empty: starts afresh) under this session's system prompt, with its tokens and round trips. */
    public void restore(List<LlmMessage> conversation, TokenUsage used, int trips) {
        messages.subList(1, messages.size()).clear();
        conversation.stream().filter(m -> !(m instanceof LlmMessage.System)).forEach(messages::add);
        usage = used;
        roundTrips = trips;
    }

    /** Runs the loop for one user message and returns the answer. */
    public AgentResult ask(String userText) {
        Run run = new Run(new ArrayList<>(), roundTrips, usage);
        record(run.transcript, new TranscriptEntry.UserInput(userText));
        messages.add(new LlmMessage.User(userText));

        for (int iteration = 1; iteration <= limits.maxIterations(); iteration++) {
            LlmRequest request = request(messages, true);
            if (overBudget(request)) {
                return stop(run, StopReason.TOKEN_BUDGET, run.bestSoFar, "token budget of " + limits.maxTotalTokens() + " reached");
            }
            LlmResponse response;
            try {
                response = callFitting(iteration, request, run);
            } catch (LlmException e) {
                if (roundTrips == run.tripsBefore) {
                    throw e;
                }
                return stop(run, StopReason.PROVIDER_ERROR, run.bestSoFar, e.getMessage());
            }
            ThinkBlocks.Split split = ThinkBlocks.split(response.text());
            record(run.transcript, new TranscriptEntry.ModelTurn(iteration, split.thinking(), split.visible(),
                    response.toolCalls(), response.usage(), response.finishReason()));

            if ("length".equals(response.finishReason())) {
                // Cut at the output limit: a tool call in it is incomplete and must never run (a "repaired"
                // half call is not what the model meant); the text may still be the best answer so far.
                releaseHeld(true);
                messages.add(LlmMessage.Assistant.of(split.visible()));
                if (response.toolCalls().isEmpty() && !split.visible().isBlank()
                        && ReactProtocol.parse(split.visible(), specs()) instanceof ReactStep.FinalAnswer) {
                    run.bestSoFar = split.visible();
                }
                if (run.truncationNoted) {
                    return stop(run, StopReason.TRUNCATED, run.bestSoFar,
                            "the model's reply was cut at the output limit again (raise the profile's maxOutputTokens)");
                }
                run.truncationNoted = true;
                messages.add(new LlmMessage.User("Your last reply was cut off at the output limit, so nothing in it was "
                        + "run. Reply again, shorter: one tool call with small arguments, or a brief final answer."));
                continue;
            }

            List<ToolCall> calls = response.toolCalls();
            if (!calls.isEmpty()) {
                releaseHeld(true);
                // Only the visible text goes into the history: reasoning is not re-sent on every step.
                messages.add(new LlmMessage.Assistant(split.visible(), calls));
                boolean endRun = false;
                for (ToolCall call : calls) {
                    ToolOutcome outcome = runChecked(call.id(), call.name(), parseArguments(call.argumentsJson()), run);
                    endRun |= outcome == null;
                    ToolOutcome shown = outcome == null ? ToolOutcome.refused(RepeatedCalls.note(call.name())) : outcome;
                    record(run.transcript, new TranscriptEntry.ToolRun(iteration, call.name(), call.argumentsJson(), shown));
                    messages.add(new LlmMessage.ToolResult(call.id(), call.name(), shown.observation()));
                }
                if (!split.visible().isEmpty()) {
                    run.bestSoFar = split.visible();
                }
                if (endRun) {
                    return stop(run, StopReason.REPEATED_CALLS, run.bestSoFar, REPEATED_NOTE);
                }
                continue;
            }

            // No native call: the reply is either a JSON ReAct step (also accepted from native-mode
            // models that write the action as text) or the answer itself.
            ReactStep step = tools.isEmpty() ? new ReactStep.FinalAnswer(split.visible()) : ReactProtocol.parse(response.text(), specs());
            releaseHeld(step instanceof ReactStep.Action || step instanceof ReactStep.UnusableAction);
            switch (step) {
                case ReactStep.FinalAnswer answer -> {
                    messages.add(LlmMessage.Assistant.of(split.visible()));
                    return stop(run, StopReason.FINAL_ANSWER, answer.text(), null);
                }
                case ReactStep.Action action -> {
                    // The history keeps the action as understood, not an observation or answer the model invented beside it.
                    messages.add(LlmMessage.Assistant.of(ReactProtocol.canonical(action)));
                    if (!action.thought().isBlank()) {
                        run.bestSoFar = action.thought();
                    }
                    ToolOutcome outcome = runChecked("react-" + iteration, action.toolName(), action.input(), run);
                    ToolOutcome shown = outcome == null ? ToolOutcome.refused(RepeatedCalls.note(action.toolName())) : outcome;
                    record(run.transcript, new TranscriptEntry.ToolRun(iteration, action.toolName(),
                            action.input().toString(), shown));
                    messages.add(new LlmMessage.User(ReactProtocol.observation(action.toolName(), shown.observation(),
                            action.ignored())));
                    if (outcome == null) {
                        return stop(run, StopReason.REPEATED_CALLS, run.bestSoFar, REPEATED_NOTE);
                    }
                }
                case ReactStep.UnusableAction bad -> {
                    messages.add(LlmMessage.Assistant.of(split.visible()));
                    // A missing tool or an unusable input, over and over, is a repeated call too.
                    RepeatedCalls.Verdict verdict = run.repeats.check(bad.toolName(), null, false);
                    if (verdict == RepeatedCalls.Verdict.END_RUN) {
                        return stop(run, StopReason.REPEATED_CALLS, run.bestSoFar, REPEATED_NOTE);
                    }
                    String correction = verdict == RepeatedCalls.Verdict.RUN ? ReactProtocol.correction(bad, specs(), !shapeQuoted)
                            : RepeatedCalls.note(bad.toolName());
                    shapeQuoted = true;
                    record(run.transcript, new TranscriptEntry.ToolRun(iteration, bad.toolName(), bad.input(), correction, true));
                    messages.add(new LlmMessage.User(correction));
                }
                case ReactStep.Unparseable bad -> {
                    messages.add(LlmMessage.Assistant.of(split.visible()));
                    if (run.retriedUnparseable) {
                        return stop(run, StopReason.FINAL_ANSWER,
                                split.visible().isEmpty() ? run.bestSoFar : split.visible(),
                                "the model's reply could not be parsed: " + bad.reason());
                    }
                    run.retriedUnparseable = true;
                    messages.add(new LlmMessage.User(ReactProtocol.retryMessage(bad.reason())));
                }
            }
        }
        return finishAtLimit(run);
    }

    private static final String REPEATED_NOTE = "the model kept repeating the same tool call after being told to stop";

    /** State of one {@link #ask}. */
    private static final class Run {
        final List<TranscriptEntry> transcript;
        final int tripsBefore;
        final TokenUsage usageBefore;
        final RepeatedCalls repeats = new RepeatedCalls();
        String bestSoFar = "";
        boolean retriedUnparseable;
        boolean truncationNoted;
        boolean compacted;

        Run(List<TranscriptEntry> transcript, int tripsBefore, TokenUsage usageBefore) {
            this.transcript = transcript;
            this.tripsBefore = tripsBefore;
            this.usageBefore = usageBefore;
        }
    }

    /**
     * One round trip; when the prompt overflowed the context window (said by the server, an empty reply,
     * or known before sending), older observations are dropped and it is retried once — never unchanged.
     */
    private LlmResponse callFitting(int iteration, LlmRequest request, Run run) {
        try {
            return call(iteration, request);
        } catch (LlmException e) {
            boolean overflow = e.kind() == LlmException.Kind.CONTEXT_OVERFLOW || e.kind() == LlmException.Kind.EMPTY_REPLY;
            List<LlmMessage> smaller = overflow && !run.compacted ? ContextCompaction.compact(messages) : messages;
            if (smaller == messages) {
                throw e;
            }
            run.compacted = true;
            messages.clear();
            messages.addAll(smaller);
            return call(iteration, request(messages, !request.tools().isEmpty()));
        }
    }

    /** A tool run unless it repeats an identical call too often; null: the model insisted, end the run. */
    private ToolOutcome runChecked(String callId, String name, JsonNode arguments, Run run) {
        return switch (run.repeats.check(name, arguments, tools.containsKey(name))) {
            case RUN -> run(callId, name, arguments);
            case REFUSE_WITH_NOTE -> ToolOutcome.refused(RepeatedCalls.note(name));
            case END_RUN -> null;
        };
    }

    /** Iteration limit: one last round trip without tools asks for the answer from what was gathered. */
    private AgentResult finishAtLimit(Run run) {
        messages.add(new LlmMessage.User("You have reached the step limit of " + limits.maxIterations()
                + ". Do not call any more tools. Answer now with what you have found, and say what is still unknown."));
        LlmRequest request = request(messages, false);
        if (overBudget(request)) {
            return stop(run, StopReason.ITERATION_LIMIT, run.bestSoFar,
                    "step limit reached and no token budget left for a final answer");
        }
        try {
            LlmResponse response = call(limits.maxIterations() + 1, request);
            ThinkBlocks.Split split = ThinkBlocks.split(response.text());
            releaseHeld(false);
            record(run.transcript, new TranscriptEntry.ModelTurn(limits.maxIterations() + 1, split.thinking(),
                    split.visible(), List.of(), response.usage(), response.finishReason()));
            messages.add(LlmMessage.Assistant.of(split.visible()));
            String answer = finalText(split.visible());
            return stop(run, StopReason.ITERATION_LIMIT, answer.isBlank() ? run.bestSoFar : answer,
                    "step limit of " + limits.maxIterations() + " reached");
        } catch (LlmException e) {
            return stop(run, StopReason.PROVIDER_ERROR, run.bestSoFar, e.getMessage());
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
        // Streaming only with native tools: ReAct replies are JSON, which is no use to watch. A reply that
        // may be a tool call written as text is held back until it is known not to be one.
        LlmResponse response;
        if (streamSink != null && nativeTools) {
            held = new ActionHoldBack(streamSink);
            response = client.stream(request, held);
        } else {
            response = client.chat(request);
        }
        roundTrips++;
        TokenUsage u = response.usage();
        if (u.total() == 0) {
            u = TokenUsage.estimate(tokenEstimator.applyAsInt(request), Math.max(1, response.text().length() / 4));
        }
        usage = usage.plus(u);
        return response;
    }

    /** Shows the held-back streamed text unless the reply was an action (or cut short). */
    private void releaseHeld(boolean wasAction) {
        if (held != null) {
            held.finish(wasAction);
            held = null;
        }
    }

    private boolean overBudget(LlmRequest request) {
        return usage.total() + tokenEstimator.applyAsInt(request) > limits.maxTotalTokens();
    }

    /**
     * A request whose output limit is one step's ({@value #STEP_OUTPUT_TOKENS}) or what the token budget has
     * left, so a streamed reply cannot overrun --max-tokens (the client stops a stream at that limit).
     */
    private LlmRequest request(List<LlmMessage> conversation, boolean offerTools) {
        List<ToolSpec> offered = offerTools && nativeTools ? specs() : List.of();
        LlmRequest unbounded = new LlmRequest(conversation, offered, null);
        int left = limits.maxTotalTokens() - usage.total() - tokenEstimator.applyAsInt(unbounded);
        return new LlmRequest(conversation, offered, Math.max(1, Math.min(STEP_OUTPUT_TOKENS, left)));
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

    private AgentResult stop(Run run, StopReason reason, String answer, String note) {
        releaseHeld(false);
        record(run.transcript, new TranscriptEntry.Stop(reason, note));
        String text = answer == null || answer.isBlank()
                ? "No answer could be produced" + (note == null ? "." : ": " + note + ".")
                : answer;
        return new AgentResult(text, reason, run.transcript, usage.since(run.usageBefore), roundTrips - run.tripsBefore);
    }

    private void record(List<TranscriptEntry> transcript, TranscriptEntry entry) {
        transcript.add(entry);
        listener.onEntry(entry);
    }
}
