package dev.k8sai.agent;

import dev.k8sai.llm.LlmMessage;
import dev.k8sai.llm.output.ReactProtocol;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a conversation that overflowed the model's context window smaller, once, before the one retry:
 * tool observations except the latest are replaced by a line saying they were dropped, and the latest is
 * shortened. System prompt, the user's words and the model's own turns stay.
 */
final class ContextCompaction {

    static final int LATEST_KEPT_CHARS = 2_000;
    static final String DROPPED = "[observation dropped to fit the model's context window; call the tool again if needed]";

    private ContextCompaction() {
    }

    /** The compacted conversation, or the same list when there was nothing to drop. */
    static List<LlmMessage> compact(List<LlmMessage> messages) {
        int latest = -1;
        for (int i = 0; i < messages.size(); i++) {
            if (isObservation(messages.get(i))) {
                latest = i;
            }
        }
        List<LlmMessage> out = new ArrayList<>(messages.size());
        boolean changed = false;
        for (int i = 0; i < messages.size(); i++) {
            LlmMessage m = messages.get(i);
            if (!isObservation(m)) {
                out.add(m);
                continue;
            }
            String text = m.text();
            String kept = i == latest
                    ? text.length() > LATEST_KEPT_CHARS ? text.substring(0, LATEST_KEPT_CHARS) + "\n[… shortened to fit the context window]" : text
                    : DROPPED;
            changed |= !kept.equals(text);
            out.add(with(m, kept));
        }
        return changed ? out : messages;
    }

    private static boolean isObservation(LlmMessage m) {
        return m instanceof LlmMessage.ToolResult
                // the ReAct protocol's observation messages ({@link ReactProtocol#observation})
                || m instanceof LlmMessage.User u && u.text().startsWith("Observation (");
    }

    private static LlmMessage with(LlmMessage m, String text) {
        return m instanceof LlmMessage.ToolResult r ? new LlmMessage.ToolResult(r.callId(), r.toolName(), text)
                : new LlmMessage.User(text);
    }
}
