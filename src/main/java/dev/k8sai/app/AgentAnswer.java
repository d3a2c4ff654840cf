package dev.k8sai.app;

import dev.k8sai.agent.AgentResult;
import dev.k8sai.agent.RefusedChange;
import dev.k8sai.agent.StopReason;
import dev.k8sai.agent.TranscriptEntry;
import dev.k8sai.llm.TokenUsage;
import java.util.List;

/**
 * One answer of execute/chat as front ends return it (-o json/yaml, the server): its JSON is the
 * contract — {@code answer}, {@code stopReason}, {@code roundTrips}, {@code usage}, {@code steps}, and
 * {@code refusedChanges} (each {@code {command, why}}: a change the model asked for that was not made).
 */
public record AgentAnswer(String answer, StopReason stopReason, int roundTrips, TokenUsage usage, List<TranscriptEntry> steps,
                          List<RefusedChange> refusedChanges) {

    public AgentAnswer {
        steps = List.copyOf(steps);
        refusedChanges = List.copyOf(refusedChanges);
    }

    public static AgentAnswer of(AgentResult result) {
        return new AgentAnswer(result.answer(), result.stopReason(), result.roundTrips(), result.usage(), result.transcript(),
                result.refusedChanges());
    }
}
