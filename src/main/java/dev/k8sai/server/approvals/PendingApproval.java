package dev.k8sai.server.approvals;

import dev.k8sai.redact.Redactor;
import dev.k8sai.tools.ChangeRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A change waiting for a person, exactly as it would be made (the command line or the manifests),
 * who asked for it (the run's user), when, and until when it may be approved.
 */
public record PendingApproval(String id, String runId, ChangeRequest change, String requestedBy, Instant requestedAt,
                              Instant expiresAt, State state, String decidedBy, Instant decidedAt) {

    /** Expired counts as denied: the change is not made. */
    public enum State { PENDING, APPROVED, DENIED, EXPIRED }

    /**
     * The approval as the API shows it (the approvals list, the run's approval-requested event). Any
     * signed-in user may list approvals, so secrets in the command or manifests are redacted here, as in
     * the audit log; the change that runs on approval is the one held, unredacted, by the desk.
     */
    public Map<String, Object> view() {
        PendingApproval a = this;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("run", a.runId());
        m.put("state", a.state().name().toLowerCase(Locale.ROOT));
        m.put("kind", a.change().kind().name().toLowerCase(Locale.ROOT));
        m.put("command", shown(a.change().subject()));
        m.put("verb", a.change().verb());
        m.put("namespace", a.change().namespace());
        m.put("why", a.change().why());
        m.put("objects", a.change().objects());
        m.put("manifests", shown(a.change().content()));
        m.put("requestedBy", a.requestedBy());
        m.put("requestedAt", a.requestedAt().toString());
        m.put("expiresAt", a.expiresAt().toString());
        m.put("decidedBy", a.decidedBy());
        m.put("decidedAt", a.decidedAt() == null ? null : a.decidedAt().toString());
        return m;
    }

    private static String shown(String text) {
        return text == null ? null : Redactor.redact(text).text();
    }

    PendingApproval decided(State newState, String by, Instant at) {
        return new PendingApproval(id, runId, change, requestedBy, requestedAt, expiresAt, newState, by, at);
    }
}
