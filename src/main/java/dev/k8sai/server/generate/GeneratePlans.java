package dev.k8sai.server.generate;

import dev.k8sai.app.GenerateUseCase;
import dev.k8sai.generate.ClusterGateway;
import dev.k8sai.generate.ManifestReviewer;
import dev.k8sai.server.ServerTargets;
import dev.k8sai.server.approvals.ApprovalDesk;
import dev.k8sai.server.approvals.PendingApproval;
import dev.k8sai.server.auth.AuthenticatedUser;
import dev.k8sai.server.auth.Role;
import dev.k8sai.server.generate.GeneratedPlan.ApplyState;
import dev.k8sai.server.http.ApiException;
import dev.k8sai.server.limits.DailyTokens;
import dev.k8sai.server.observe.AuditLog;
import dev.k8sai.server.observe.ServerMetrics;
import dev.k8sai.tools.Approver;
import dev.k8sai.tools.ChangeGuard;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * generate over HTTP: makes the plan with {@link GenerateUseCase} (as the CLI does) and, when it would
 * change something, parks its apply at the {@link ApprovalDesk} like any other write. A virtual thread
 * waits for the decision; only an operator's approval applies (server-side apply, one audit line), a
 * denial or expiry never does. Plans are kept in memory so a page can fetch one again by id.
 */
public final class GeneratePlans implements AutoCloseable {

    /** The CLI's generate options; {@code readOnly}: plan only, never park an apply (the CLI's -o yaml / --read-only). */
    public record Ask(String prompt, String namespace, String profile, String model, String language, Integer maxRepairs,
                      boolean readOnly) {
    }

    /** Finished plans beyond this many are forgotten, oldest first; pending ones are kept. */
    private static final int KEPT = 200;
    private static final int DEFAULT_REPAIRS = 2;

    private final ServerTargets targets;
    private final ApprovalDesk desk;
    private final AuditLog audit;
    private final ServerMetrics metrics;
    private final DailyTokens tokens;
    private final Map<String, String> env;
    private final ManifestReviewer reviewer;
    private final Clock clock;
    private final Map<String, GeneratedPlan> plans = new LinkedHashMap<>();

    public GeneratePlans(ServerTargets targets, ApprovalDesk desk, AuditLog audit, ServerMetrics metrics,
                         DailyTokens tokens, Map<String, String> env, Clock clock) {
        this.tokens = tokens;
        this.targets = targets;
        this.desk = desk;
        this.audit = audit;
        this.metrics = metrics;
        this.env = env;
        this.reviewer = ManifestReviewer.audit();
        this.clock = clock;
    }

    /** Makes the plan (blocking on the model and the cluster) and, if it is to be applied, parks the apply. */
    public GeneratedPlan create(AuthenticatedUser user, Ask ask) {
        GenerateUseCase useCase = new GenerateUseCase(env, reviewer);
        List<String> clusterNotes = new ArrayList<>();
        GenerateUseCase.Request request = new GenerateUseCase.Request(ask.prompt(), targets.forUser(user, ask.namespace(), false),
                targets.llm(ask.profile(), ask.model(), ask.language(), tokens.capFor(user.name())),
                ask.maxRepairs() == null ? DEFAULT_REPAIRS : ask.maxRepairs());
        GenerateUseCase.Plan plan = useCase.plan(request, clusterNotes::add, null);
        tokens.charge(user.name(), plan.result().usage().total());
        metrics.tokens(ask.profile() == null ? "default" : ask.profile(), plan.result().usage().total());
        GeneratedPlan entry;
        try {
            ApplyState initial = initialState(plan, user, ask.readOnly());
            entry = new GeneratedPlan(UUID.randomUUID().toString(), user, clock.instant(), ask.prompt(), ask.namespace(),
                    PlanView.of(plan, clusterNotes.isEmpty() ? null : String.join("; ", clusterNotes)),
                    plan.result().usage().total(), initial, reason(initial, plan));
        } catch (RuntimeException e) {
            plan.close();
            throw e;
        }
        keep(entry);
        if (entry.state() != ApplyState.PENDING) {
            plan.close();
            return entry;
        }
        CompletableFuture<PendingApproval> parked = new CompletableFuture<>();
        Thread.ofVirtual().name("generate-" + entry.id()).start(() -> applyWhenApproved(entry, useCase, plan, parked));
        parked.join();   // parked, or refused at once (no --allow-writes): the answer then says which
        return entry;
    }

    /** The plan for its owner, an operator (who may approve it) or an admin; 404 for others. */
    public GeneratedPlan get(String id, AuthenticatedUser user) {
        GeneratedPlan plan;
        synchronized (plans) {
            plan = plans.get(id);
        }
        if (plan == null || !(plan.owner().name().equals(user.name()) || user.has(Role.OPERATOR))) {
            throw ApiException.notFound("no plan " + id);
        }
        return plan;
    }

    private static ApplyState initialState(GenerateUseCase.Plan plan, AuthenticatedUser user, boolean readOnly) {
        if (!plan.result().valid()) {
            return ApplyState.INVALID;
        }
        if (readOnly || !user.has(Role.OPERATOR)) {
            return ApplyState.PLAN_ONLY;
        }
        if (plan.cluster().isEmpty()) {
            return ApplyState.NO_CLUSTER;
        }
        return plan.hasChanges() ? ApplyState.PENDING : ApplyState.UNCHANGED;
    }

    private static String reason(ApplyState state, GenerateUseCase.Plan plan) {
        return switch (state) {
            case INVALID -> "the model did not produce valid manifests in " + plan.result().rounds() + " round(s)";
            case PLAN_ONLY -> "plan only: a read-only request or a viewer's plan is never applied";
            case NO_CLUSTER -> "no cluster reachable";
            case UNCHANGED -> "nothing to apply: the cluster already matches";
            default -> null;
        };
    }

    /** Runs on its own virtual thread: waits for the decision, then applies or records why not. */
    private void applyWhenApproved(GeneratedPlan entry, GenerateUseCase useCase, GenerateUseCase.Plan plan,
                                   CompletableFuture<PendingApproval> parked) {
        Approver approver = desk.approverFor(entry.owner(), entry.id(), pending -> {
            entry.parked(pending);
            parked.complete(pending);
        });
        try (plan) {
            GenerateUseCase.Applied applied = useCase.apply(plan, new ChangeGuard(ChangeGuard.Policy.ASK, approver));
            PendingApproval decided = parked.getNow(null) == null ? null : desk.find(parked.getNow(null).id()).orElse(null);
            if (!applied.decision().allowed()) {
                if (decided == null) {
                    entry.finished(ApplyState.REFUSED, null, "the server was started without --allow-writes", List.of());
                } else {
                    boolean expired = decided.state() == PendingApproval.State.EXPIRED;
                    entry.finished(expired ? ApplyState.EXPIRED : ApplyState.DENIED, decided,
                            expired ? "nobody decided in time" : "denied", List.of());
                }
                return;
            }
            ApplyState outcome = applied.failed() > 0 ? ApplyState.FAILED : ApplyState.APPLIED;
            auditApply(entry, plan, decided, applied, outcome);
            entry.finished(outcome, decided, applied.failed() > 0 ? applied.failed() + " of " + applied.objects().size()
                    + " object(s) failed to apply" : null, applied.objects());
        } catch (RuntimeException e) {
            entry.finished(ApplyState.FAILED, null, "internal error: " + e.getClass().getSimpleName(), List.of());
        } finally {
            parked.complete(null);   // not parked (refused at once): the waiting request sees the final state
        }
    }

    private void auditApply(GeneratedPlan entry, GenerateUseCase.Plan plan, PendingApproval decided,
                            GenerateUseCase.Applied applied, ApplyState outcome) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("operation", "apply");
        line.put("plan", entry.id());
        line.put("approval", decided == null ? null : decided.id());
        line.put("approvedBy", decided == null ? null : decided.decidedBy());
        line.put("context", plan.cluster().map(ClusterGateway::contextName).orElse(null));
        line.put("namespace", plan.cluster().map(ClusterGateway::defaultNamespace).orElse(null));
        line.put("objects", applied.objects().stream().map(a -> a.object() + (a.ok() ? (a.created() ? " created" : " configured")
                : " failed: " + a.error())).toList());
        line.put("outcome", outcome.wireName());
        line.put("model", plan.model());
        audit.record(AuditLog.Type.APPLY, entry.owner(), line);
    }

    private void keep(GeneratedPlan entry) {
        synchronized (plans) {
            plans.put(entry.id(), entry);
            var it = plans.values().iterator();
            while (plans.size() > KEPT && it.hasNext()) {
                if (it.next().state() != ApplyState.PENDING) {
                    it.remove();
                }
            }
        }
    }

    /** Denies what still waits (the server stops): nothing is applied on the way down. */
    @Override
    public void close() {
        List<GeneratedPlan> pending;
        synchronized (plans) {
            pending = plans.values().stream().filter(p -> p.state() == ApplyState.PENDING).toList();
        }
        pending.forEach(p -> desk.denyPendingOf(p.id()));
    }
}
