package dev.k8sai.server.runs;

import dev.k8sai.agent.AgentListener;
import dev.k8sai.agent.TranscriptEntry;
import dev.k8sai.redact.Redactor;
import dev.k8sai.server.observe.AuditLog;
import dev.k8sai.tools.ShownToolCall;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the agent's steps into the run's events (the exact tool command, a short observation summary)
 * and one audit line per tool command.
 */
final class RunEvents implements AgentListener {

    /** An observation is already compacted and redacted for the model; the stream shows its start. */
    static final int OBSERVATION_SUMMARY_CHARS = 600;

    private final Run run;
    private final AuditLog audit;

    RunEvents(Run run, AuditLog audit) {
        this.run = run;
        this.audit = audit;
    }

    @Override
    public void beforeModelCall(int iteration) {
        run.emit("step", Map.of("iteration", iteration));
    }

    @Override
    public void onNote(String note) {
        run.emit("note", Map.of("text", note));
    }

    @Override
    public void onEntry(TranscriptEntry entry) {
        if (entry instanceof TranscriptEntry.ToolRun tool) {
            // The command as it runs (never the model's raw argument JSON), with secrets redacted as in any text we show.
            String command = Redactor.redact(ShownToolCall.of(tool.tool(), tool.arguments())).text();
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("iteration", tool.iteration());
            call.put("tool", tool.tool());
            call.put("command", command);
            call.put("refused", tool.refused());
            run.emit("tool", call);
            audit.record(AuditLog.Type.TOOL, run.owner(), Map.of("run", run.id(), "tool", tool.tool(),
                    "command", command, "refused", tool.refused()));
            String obs = tool.observation() == null ? "" : tool.observation();
            run.emit("observation", Map.of("tool", tool.tool(), "chars", obs.length(),
                    "summary", obs.length() <= OBSERVATION_SUMMARY_CHARS ? obs
                            : obs.substring(0, OBSERVATION_SUMMARY_CHARS) + "…"));
        }
    }
}
