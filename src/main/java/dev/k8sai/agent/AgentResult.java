package dev.k8sai.agent;

import dev.k8sai.llm.TokenUsage;
import java.util.List;

/** The outcome of one question to the agent. */
public record AgentResult(String answer, StopReason stopReason, List<TranscriptEntry> transcript,
                          TokenUsage usage, int roundTrips) {

    public AgentResult {
        transcript = List.copyOf(transcript);
    }

    public List<TranscriptEntry.ToolRun> toolRuns() {
        return transcript.stream().filter(TranscriptEntry.ToolRun.class::isInstance)
                .map(TranscriptEntry.ToolRun.class::cast).toList();
    }
}
