package dev.k8sai.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.llm.LlmClient;
import dev.k8sai.llm.LlmMessage;
import dev.k8sai.llm.LlmRequest;
import dev.k8sai.llm.LlmResponse;
import dev.k8sai.llm.TokenUsage;
import dev.k8sai.llm.ToolCall;
import dev.k8sai.llm.ToolSpec;
import dev.k8sai.llm.output.ReactReplies;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Loop logic with an in-process client (the HTTP path is covered end to end with the scripted
 * server in the execute/diagnose command tests).
 */
class AgentSessionTest {

    /** Replays replies in order and keeps every request it got. */
    static final class ReplayClient implements LlmClient {
        final Deque<LlmResponse> replies = new ArrayDeque<>();
        final List<LlmRequest> requests = new ArrayList<>();
        final boolean nativeTools;

        ReplayClient(boolean nativeTools, LlmResponse... replies) {
            this.nativeTools = nativeTools;
            this.replies.addAll(List.of(replies));
        }

        @Override public String describe() { return "test/model"; }
        @Override public String model() { return "model"; }
        @Override public boolean nativeToolCalling() { return nativeTools; }

        @Override
        public LlmResponse chat(LlmRequest request) {
            requests.add(request);
            return replies.removeFirst();
        }

        @Override
        public LlmResponse stream(LlmRequest request, Consumer<String> onText) {
            return chat(request);
        }
    }

    static LlmResponse text(String t) {
        return new LlmResponse(t, List.of(), new TokenUsage(100, 20), "stop");
    }

    static LlmResponse calls(ToolCall... calls) {
        return new LlmResponse("", List.of(calls), new TokenUsage(100, 20), "tool_calls");
    }

    static final class EchoTool implements AgentTool {
        final List<JsonNode> calls = new ArrayList<>();
        String output = "5";

        @Override
        public ToolSpec spec() {
            return new ToolSpec("kubectl", "run kubectl", "{\"type\":\"object\",\"properties\":{\"command\":{\"type\":\"string\","
                    + "\"description\":\"e.g. kubectl get pods -A\"}},\"required\":[\"command\"]}");
        }

        @Override
        public ToolOutcome call(JsonNode arguments) {
            calls.add(arguments);
            return ToolOutcome.of(output);
        }
    }

    private static AgentSession session(ReplayClient client, EchoTool tool, int iterations, int tokens) {
        return new AgentSession(client, List.of(tool), new AgentLimits(iterations, tokens), "You help with Kubernetes.",
                AgentListener.SILENT, r -> r.messages().stream().mapToInt(m -> m.text().length() / 4).sum());
    }

    @Test
    void nativeToolCallThenAnswer() {
        EchoTool tool = new EchoTool();
        ReplayClient client = new ReplayClient(true,
                calls(new ToolCall("c1", "kubectl", "{\"command\":\"kubectl get ns --no-headers | wc -l\"}")),
                text("There are 5 namespaces."));
        AgentResult result = session(client, tool, 5, 10_000).ask("how many namespaces?");

        assertThat(result.answer()).isEqualTo("There are 5 namespaces.");
        assertThat(result.stopReason()).isEqualTo(StopReason.FINAL_ANSWER);
        assertThat(tool.calls).singleElement().satisfies(a -> assertThat(a.get("command").asText()).contains("wc -l"));
        assertThat(client.requests.get(0).tools()).extracting(ToolSpec::name).containsExactly("kubectl");
        assertThat(client.requests.get(1).messages().getLast()).isInstanceOf(LlmMessage.ToolResult.class);
        assertThat(result.roundTrips()).isEqualTo(2);
    }

    @Test
    void reactReplyWithThinkAndFencedJsonDrivesTheTool() {
        EchoTool tool = new EchoTool();
        ReplayClient client = new ReplayClient(false,
                text("<think>I should count namespaces.</think>\n```json\n{\"thought\": \"count\", \"action\": {\"name\": \"kubectl\", \"input\": {\"command\": \"kubectl get ns\",}}}\n```"),
                text("{\"final_answer\": \"5 namespaces\"}"));
        AgentResult result = session(client, tool, 5, 10_000).ask("how many namespaces?");

        assertThat(tool.calls).singleElement().satisfies(a -> assertThat(a.get("command").asText()).isEqualTo("kubectl get ns"));
        assertThat(result.answer()).isEqualTo("5 namespaces");
        assertThat(client.requests.get(0).tools()).isEmpty();
        assertThat(client.requests.get(0).messages().getFirst().text()).contains("final_answer").contains("kubectl");
        assertThat(client.requests.get(1).messages().getLast().text()).startsWith("Observation (kubectl)");
    }

    @Test
    void historyKeepsOnlyVisibleTextNotThinkBlocks() {
        EchoTool tool = new EchoTool();
        ReplayClient react = new ReplayClient(false,
                text("<think>I should count namespaces.</think>{\"thought\": \"count\", \"action\": {\"name\": \"kubectl\", \"input\": {\"command\": \"kubectl get ns\"}}}"),
                text("{\"final_answer\": \"5 namespaces\"}"));
        session(react, tool, 5, 10_000).ask("how many namespaces?");
        ReplayClient nativeClient = new ReplayClient(true,
                new LlmResponse("<think>secret reasoning</think>Let me look.", List.of(new ToolCall("c1", "kubectl", "{\"command\":\"kubectl get ns\"}")),
                        new TokenUsage(100, 20), "tool_calls"),
                text("5 namespaces"));
        session(nativeClient, tool, 5, 10_000).ask("how many namespaces?");

        for (ReplayClient client : List.of(react, nativeClient)) {
            List<LlmMessage> assistants = client.requests.get(1).messages().stream()
                    .filter(LlmMessage.Assistant.class::isInstance).toList();
            assertThat(assistants).isNotEmpty().allSatisfy(m -> assertThat(m.text()).doesNotContain("<think>"));
        }
        assertThat(nativeClient.requests.get(1).messages()).filteredOn(LlmMessage.Assistant.class::isInstance)
                .singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("Let me look."));
    }

    @Test
    void proseReplyIsTheAnswerWithoutAnotherCall() {
        EchoTool tool = new EchoTool();
        ReplayClient client = new ReplayClient(false, text("<think>easy</think>The cluster has 5 namespaces."));
        AgentResult result = session(client, tool, 5, 10_000).ask("how many namespaces?");

        assertThat(result.answer()).isEqualTo("The cluster has 5 namespaces.");
        assertThat(client.requests).hasSize(1);
        assertThat(tool.calls).isEmpty();
    }

    @Test
    void iterationLimitEndsWithOneToolLessAnswerCall() {
        EchoTool tool = new EchoTool();
        ToolCall again = new ToolCall("c", "kubectl", "{\"command\":\"kubectl get pods\"}");
        ReplayClient client = new ReplayClient(true, calls(again), calls(again), text("Best guess: 5."));
        AgentResult result = session(client, tool, 2, 10_000).ask("q");

        assertThat(result.stopReason()).isEqualTo(StopReason.ITERATION_LIMIT);
        assertThat(result.answer()).isEqualTo("Best guess: 5.");
        assertThat(client.requests).hasSize(3);
        assertThat(client.requests.get(2).tools()).isEmpty();
    }

    @Test
    void tokenBudgetStopsBeforeTheCallThatWouldExceedIt() {
        EchoTool tool = new EchoTool();
        ToolCall again = new ToolCall("c", "kubectl", "{\"command\":\"kubectl get pods\"}");
        ReplayClient client = new ReplayClient(true, calls(again), calls(again), calls(again));
        AgentResult result = session(client, tool, 10, 125).ask("q");

        assertThat(result.stopReason()).isEqualTo(StopReason.TOKEN_BUDGET);
        assertThat(client.requests).hasSize(1);
        assertThat(result.answer()).contains("token budget");
    }

    @Test
    void unknownToolIsRefusedAndTheModelCanRecover() {
        EchoTool tool = new EchoTool();
        ReplayClient client = new ReplayClient(true,
                calls(new ToolCall("c", "bash", "{\"cmd\":\"rm -rf /\"}")), text("I cannot do that."));
        AgentResult result = session(client, tool, 5, 10_000).ask("q");

        assertThat(result.toolRuns()).singleElement().satisfies(r -> {
            assertThat(r.refused()).isTrue();
            assertThat(r.observation()).contains("no tool named 'bash'").contains("kubectl");
        });
        assertThat(result.answer()).isEqualTo("I cannot do that.");
    }

    @Test
    void conversationIsKeptBetweenQuestions() {
        EchoTool tool = new EchoTool();
        ReplayClient client = new ReplayClient(true, text("Which namespace do you mean?"), text("shop has 3 pods."));
        AgentSession s = session(client, tool, 5, 10_000);
        s.ask("how many pods?");
        AgentResult second = s.ask("shop");

        assertThat(second.answer()).isEqualTo("shop has 3 pods.");
        assertThat(client.requests.get(1).messages()).extracting(LlmMessage::text)
                .contains("how many pods?", "Which namespace do you mean?", "shop");
    }

    @Test
    void reactActionRunsAndWhatTheModelInventedBesideItIsNeitherBelievedNorKept() {
        EchoTool tool = new EchoTool();
        tool.output = "4\n";
        ReplayClient client = new ReplayClient(false,
                text(ReactReplies.DESIGN_REPLY),
                text("{\"thought\": \"counted\", \"final_answer\": \"There are 4 namespaces.\"}"));
        AgentResult result = session(client, tool, 5, 10_000).ask("how many namespaces in the cluster?");

        assertThat(tool.calls).singleElement().hasToString("{\"command\":\"kubectl get namespaces --no-headers | wc -l\"}");
        assertThat(result.answer()).isEqualTo("There are 4 namespaces.");
        List<LlmMessage> second = client.requests.get(1).messages();
        assertThat(second.getLast().text()).startsWith("Observation (kubectl):").endsWith("\n4\n");
        assertThat(second).extracting(LlmMessage::text).noneMatch(t -> t.contains("**5 namespaces**") || t.contains("\"observation\": \"5\""));
        assertThat(second.get(second.size() - 2).text()).contains("\"input\":{\"command\":\"kubectl get namespaces --no-headers | wc -l\"}");
    }

    @Test
    void unusableActionShapeGetsACorrectionThatQuotesTheAcceptedFormOnce() {
        EchoTool tool = new EchoTool();
        String arrayInput = "{\"action\": {\"name\": \"kubectl\", \"input\": [\"get\", \"ns\"]}}";
        ReplayClient client = new ReplayClient(false, text(arrayInput), text(arrayInput),
                text("{\"action\": {\"name\": \"kubectl\", \"input\": \"get ns\"}}"), text("{\"final_answer\": \"5 namespaces\"}"));
        AgentResult result = session(client, tool, 5, 10_000).ask("how many namespaces?");

        String form = "{\"thought\":\"why this step, briefly\",\"action\":{\"name\":\"kubectl\",\"input\":{\"command\":\"kubectl get pods -A\"}}}";
        String firstCorrection = client.requests.get(1).messages().getLast().text();
        assertThat(firstCorrection).startsWith("Observation: your action was not run").contains("not array").containsOnlyOnce(form);
        assertThat(client.requests.get(2).messages().getLast().text()).startsWith("Observation: your action was not run").doesNotContain(form);
        assertThat(tool.calls).singleElement().hasToString("{\"command\":\"kubectl get ns\"}");
        assertThat(result.toolRuns()).extracting(TranscriptEntry.ToolRun::refused).containsExactly(true, true, false);
        assertThat(result.answer()).isEqualTo("5 namespaces");
    }

    @Test
    void toolboxToolsGetTheModelsCallIdAndReportTruncation() {
        List<String> ids = new ArrayList<>();
        AgentTool tool = new AgentTool() {
            @Override public ToolSpec spec() { return new ToolSpec("probe", "d", "{\"type\":\"object\"}"); }
            @Override public ToolOutcome call(JsonNode arguments) { throw new AssertionError("the id-less call is not used"); }
            @Override public ToolOutcome call(String callId, JsonNode arguments) {
                ids.add(callId);
                return new ToolOutcome("partial", false, true, false);
            }
        };
        ReplayClient client = new ReplayClient(true, calls(new ToolCall("call_42", "probe", "{}")), text("done"));
        AgentResult r = new AgentSession(client, List.of(tool), new AgentLimits(5, 10_000), "sys", null, req -> 10).ask("go");
        assertThat(ids).containsExactly("call_42");
        assertThat(r.toolRuns()).singleElement().satisfies(t -> {
            assertThat(t.truncated()).isTrue();
            assertThat(t.error()).isFalse();
        });
    }
}
