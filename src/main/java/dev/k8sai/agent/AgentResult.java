package dev.k8sai.agent;

import dev.k8sai.ExitCodes;
import dev.k8sai.llm.TokenUsage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    /** A provider failure is exit 3 in every agent command, even though the best answer so far is still shown. */
    public int exitCode() {
        return stopReason == StopReason.PROVIDER_ERROR ? ExitCodes.LLM : ExitCodes.OK;
    }

    /** "stopped early: provider error: …" when the run did not end with the model's own answer. */
    public Optional<String> earlyStopNote() {
        if (stopReason == StopReason.FINAL_ANSWER) {
            return Optional.empty();
        }
        String note = transcript.stream().filter(TranscriptEntry.Stop.class::isInstance)
                .map(e -> ((TranscriptEntry.Stop) e).note()).filter(n -> n != null && !n.isBlank())
                .reduce((a, b) -> b).orElse("");
        return Optional.of("stopped early: " + stopReason.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (note.isEmpty() ? "" : ": " + note.replace('\n', ' ')));
    }
}
