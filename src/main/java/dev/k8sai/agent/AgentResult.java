package dev.k8sai.agent;

import dev.k8sai.ExitCodes;
import dev.k8sai.llm.TokenUsage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The outcome of one question to the agent; {@code refusedChanges}: the changes the model asked for in
 * this question that were not made, oldest first (filled in by the use case that owns the change guard).
 */
public record AgentResult(String answer, StopReason stopReason, List<TranscriptEntry> transcript,
                          TokenUsage usage, int roundTrips, List<RefusedChange> refusedChanges) {

    public AgentResult {
        transcript = List.copyOf(transcript);
        refusedChanges = refusedChanges == null ? List.of() : List.copyOf(refusedChanges);
    }

    public AgentResult(String answer, StopReason stopReason, List<TranscriptEntry> transcript, TokenUsage usage, int roundTrips) {
        this(answer, stopReason, transcript, usage, roundTrips, List.of());
    }

    public AgentResult withRefusedChanges(List<RefusedChange> refused) {
        return new AgentResult(answer, stopReason, transcript, usage, roundTrips, refused);
    }

    public List<TranscriptEntry.ToolRun> toolRuns() {
        return transcript.stream().filter(TranscriptEntry.ToolRun.class::isInstance)
                .map(TranscriptEntry.ToolRun.class::cast).toList();
    }

    /**
     * A provider failure is exit 3 in every agent command, even though the best answer so far is still
     * shown; a change that was not made is exit 4 (as generate's), whatever the model's answer claims.
     */
    public int exitCode() {
        if (stopReason == StopReason.PROVIDER_ERROR) {
            return ExitCodes.LLM;
        }
        return refusedChanges.isEmpty() ? ExitCodes.OK : ExitCodes.REFUSED;
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
