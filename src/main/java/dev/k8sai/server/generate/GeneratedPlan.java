package dev.k8sai.server.generate;

import dev.k8sai.generate.ManifestApplier;
import dev.k8sai.redact.Redactor;
import dev.k8sai.server.approvals.PendingApproval;
import dev.k8sai.server.auth.AuthenticatedUser;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One generate plan kept by the server: who asked, when, the plan as made (fixed), and what became of
 * its apply (changes while the approval waits and after it is decided).
 */
public final class GeneratedPlan {

    /** What became of applying the plan; only {@code PENDING} may still change. */
    public enum ApplyState {
        /** Read-only request, or a viewer's plan: never applied. */
        PLAN_ONLY,
        /** The manifests are not valid. */
        INVALID,
        /** No cluster was reachable: nothing to apply to. */
        NO_CLUSTER,
        /** Every object already matches the cluster. */
        UNCHANGED,
        /** The server runs without --allow-writes. */
        REFUSED,
        /** Waiting for an operator's decision. */
        PENDING,
        APPLIED,
        /** Approved, but at least one object was rejected by the API server. */
        FAILED,
        DENIED,
        EXPIRED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final String id;
    private final AuthenticatedUser owner;
    private final Instant createdAt;
    private final String prompt;
    private final String namespace;
    private final Map<String, Object> plan;
    private final long tokens;
    private ApplyState state;
    private String reason;
    private PendingApproval approval;
    private List<ManifestApplier.Applied> results = List.of();

    GeneratedPlan(String id, AuthenticatedUser owner, Instant createdAt, String prompt, String namespace,
                  Map<String, Object> plan, long tokens, ApplyState state, String reason) {
        this.id = id;
        this.owner = owner;
        this.createdAt = createdAt;
        this.prompt = prompt;
        this.namespace = namespace;
        this.plan = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(plan));
        this.tokens = tokens;
        this.state = state;
        this.reason = reason;
    }

    public String id() {
        return id;
    }

    public AuthenticatedUser owner() {
        return owner;
    }

    /** The model's tokens for making the plan (all rounds). */
    public long tokens() {
        return tokens;
    }

    public synchronized ApplyState state() {
        return state;
    }

    synchronized void parked(PendingApproval pending) {
        approval = pending;
        state = ApplyState.PENDING;
    }

    synchronized void finished(ApplyState newState, PendingApproval decided, String why, List<ManifestApplier.Applied> applied) {
        state = newState;
        if (decided != null) {
            approval = decided;
        }
        reason = why;
        results = List.copyOf(applied);
    }

    /**
     * The plan with its apply state, as {@code POST} and {@code GET /api/v1/generate…} answer. Someone
     * other than its owner (an operator deciding on it) sees the prompt and manifests redacted, as in the
     * approvals list.
     */
    public synchronized Map<String, Object> view(AuthenticatedUser viewer) {
        boolean owner = viewer.name().equals(this.owner.name());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("requestedBy", this.owner.name());
        m.put("createdAt", createdAt.toString());
        m.put("prompt", owner ? prompt : Redactor.redact(prompt).text());
        m.put("namespace", namespace);
        m.putAll(plan);
        if (!owner && plan.get("manifests") instanceof String yaml) {
            m.put("manifests", Redactor.redact(yaml).text());
        }
        Map<String, Object> apply = new LinkedHashMap<>();
        apply.put("state", state.wireName());
        apply.put("reason", reason);
        apply.put("approval", approval == null ? null : approval.id());
        apply.put("expiresAt", approval == null ? null : approval.expiresAt().toString());
        apply.put("decidedBy", approval == null ? null : approval.decidedBy());
        apply.put("decidedAt", approval == null || approval.decidedAt() == null ? null : approval.decidedAt().toString());
        apply.put("results", results.stream().map(r -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("object", r.object());
            one.put("created", r.created());
            one.put("error", r.error());
            return one;
        }).toList());
        m.put("apply", apply);
        return m;
    }
}
