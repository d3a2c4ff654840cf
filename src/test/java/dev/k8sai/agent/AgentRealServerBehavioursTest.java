package dev.k8sai.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.config.ProviderProfile;
import dev.k8sai.config.ProviderType;
import dev.k8sai.config.ServerLimits;
import dev.k8sai.config.ToolCallingMode;
import dev.k8sai.llm.LlmClient;
import dev.k8sai.llm.LlmClients;
import dev.k8sai.llm.LlmException;
import dev.k8sai.llm.TokenCounter;
import dev.k8sai.llm.ToolCall;
import dev.k8sai.llm.ToolSpec;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import dev.k8sai.testing.llm.ScriptedLlmTest;
import dev.k8sai.testing.llm.ScriptedLlmServer.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 points 1, 2, 4, 5 and 8: the agent loop against the scripted server playing what real local
 * model servers do, through the production HTTP client.
 */
class AgentRealServerBehavioursTest extends ScriptedLlmTest {


    /** A tool that records its calls and answers with a long observation. */
    static final class RecordingTool implements AgentTool {
        final List<JsonNode> calls = new ArrayList<>();

        @Override
        public ToolSpec spec() {
            return new ToolSpec("kubectl_get", "get objects", "{\"type\":\"object\",\"properties\":{\"kind\":{\"type\":\"string\"}}}");
        }

        @Override
        public ToolOutcome call(JsonNode arguments) {
            calls.add(arguments);
            return ToolOutcome.of("pod-" + calls.size() + " Running\n" + "x".repeat(3_000));
        }
    }

    private AgentSession session(RecordingTool tool, ToolCallingMode mode, List<String> streamed) {
        ProviderProfile profile = new ProviderProfile("local", ProviderType.OPENAI_COMPATIBLE, server.baseUrl(), "qwen",
                null, null, null, null, Duration.ofSeconds(10), 0, mode, Map.of(), ServerLimits.NONE);
        LlmClient client = LlmClients.create(profile);
        AgentSession s = new AgentSession(client, List.of(tool), new AgentLimits(8, 60_000), "You help.",
                AgentListener.SILENT, TokenCounter.forModel("qwen")::count);
        if (streamed != null) {
            s.streamTo(streamed::add);
        }
        return s;
    }

    @Test
    void aToolCallCutAtTheLengthLimitIsNeverRun_theModelIsToldOnce_thenTheRunEndsTruncated() {
        RecordingTool tool = new RecordingTool();
        server.enqueue(Reply.truncatedToolCall(new ToolCall("c1", "kubectl_get", "{\"kind\":")))
                .enqueue(Reply.truncatedToolCall(new ToolCall("c2", "kubectl_get", "{\"ki")));

        AgentResult r = session(tool, ToolCallingMode.NATIVE, new ArrayList<>()).ask("list pods");

        assertThat(tool.calls).isEmpty();
        assertThat(r.stopReason()).isEqualTo(StopReason.TRUNCATED);
        assertThat(ScriptedLlmServer.messageContents(server.chatRequests().get(1)).getLast()).contains("cut off at the output limit");
        assertThat(server.chatRequests()).hasSize(2);
    }

    @Test
    void aLoopingAnswerFillingTheOutputLimitIsNotTakenAsTheFinalAnswer() {
        RecordingTool tool = new RecordingTool();
        server.enqueue(Reply.text("the same line again ".repeat(50)).withFinishReason("length"))
                .reply("All pods are running.");
        AgentResult r = session(tool, ToolCallingMode.NATIVE, null).ask("status?");
        assertThat(r.answer()).isEqualTo("All pods are running.");
        assertThat(r.stopReason()).isEqualTo(StopReason.FINAL_ANSWER);
    }

    @Test
    void contextOverflowAsAnEmptyStreamCompactsOlderObservationsAndRetriesOnce() {
        RecordingTool tool = new RecordingTool();
        server.toolCalls(new ToolCall("c1", "kubectl_get", "{\"kind\":\"Pod\"}"))
                .toolCalls(new ToolCall("c2", "kubectl_get", "{\"kind\":\"Service\"}"));
        // From the third request on, the conversation is over the server's window unless compacted.
        server.replyWith(req -> {
            server.contextWindow(1_200);
            return Reply.toolCalls(new ToolCall("c3", "kubectl_get", "{\"kind\":\"Node\"}"));
        });
        server.reply("Done: everything runs.");

        AgentResult r = session(tool, ToolCallingMode.NATIVE, new ArrayList<>()).ask("check everything");

        assertThat(r.answer()).isEqualTo("Done: everything runs.");
        List<ScriptedLlmServer.RecordedRequest> chats = server.chatRequests();
        String retried = chats.getLast().json().path("messages").toString();
        assertThat(retried).contains(ContextCompaction.DROPPED);
        assertThat(chats).hasSize(5); // 3 answered, 1 overflowed (empty stream), 1 compacted retry
    }

    @Test
    void overflowThatCompactionCannotFixIsAProviderFailureNotAnAnswer() {
        server.contextWindow(10);
        RecordingTool tool = new RecordingTool();
        assertThatThrownBy(() -> session(tool, ToolCallingMode.NATIVE, new ArrayList<>()).ask("x".repeat(200)))
                .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.EMPTY_REPLY));
        assertThat(server.chatRequests()).hasSize(1);
    }

    @Test
    void aToolCallWrittenAsTextInNativeModeIsRunAndNotStreamedAsTheAnswer() {
        RecordingTool tool = new RecordingTool();
        server.replyFragments("{\"name\": \"kubectl_get\", ", "\"arguments\": {\"kind\": \"Pod\"}}")
                .replyFragments("One pod ", "is running.");
        List<String> streamed = new ArrayList<>();

        AgentResult r = session(tool, ToolCallingMode.NATIVE, streamed).ask("pods?");

        assertThat(tool.calls).singleElement().satisfies(a -> assertThat(a.path("kind").asText()).isEqualTo("Pod"));
        assertThat(String.join("", streamed)).isEqualTo("One pod is running.");
        assertThat(r.answer()).isEqualTo("One pod is running.");
    }

    @Test
    void identicalCallsRunTwiceThenAreRefusedWithANoteAndTheRunEndsIfTheModelInsists() {
        RecordingTool tool = new RecordingTool();
        for (int i = 0; i < 10; i++) {
            server.toolCalls(new ToolCall("c" + i, "kubectl_get", "{\"kind\":\"Pod\"}"));
        }
        AgentResult r = session(tool, ToolCallingMode.NATIVE, null).ask("pods?");

        assertThat(tool.calls).hasSize(2);
        assertThat(r.stopReason()).isEqualTo(StopReason.REPEATED_CALLS);
        assertThat(server.chatRequests()).hasSize(4);
        assertThat(server.chatRequests().get(3).json().path("messages").toString()).contains("Do not repeat it");
    }

    @Test
    void aMissingToolCalledOverAndOverCostsFourRoundTripsNotEleven() {
        RecordingTool tool = new RecordingTool();
        for (int i = 0; i < 10; i++) {
            server.enqueue(Reply.text("{\"name\": \"kubectl_describe\", \"arguments\": {\"kind\": \"Pod\", \"n\": " + i + "}}"));
        }
        AgentResult r = session(tool, ToolCallingMode.REACT, null).ask("describe");
        assertThat(r.stopReason()).isEqualTo(StopReason.REPEATED_CALLS);
        assertThat(r.roundTrips()).isEqualTo(4);
        assertThat(tool.calls).isEmpty();
    }

    @Test
    void aProviderFailureMidRunEndsTheRunAsAProviderError() {
        RecordingTool tool = new RecordingTool();
        server.toolCalls(new ToolCall("c1", "kubectl_get", "{\"kind\":\"Pod\"}")).enqueue(Reply.html(502));
        AgentResult r = session(tool, ToolCallingMode.NATIVE, null).ask("pods?");
        assertThat(r.stopReason()).isEqualTo(StopReason.PROVIDER_ERROR);
    }
}
