package dev.k8sai.server.approvals;

import dev.k8sai.server.auth.AuthenticatedUser;
import dev.k8sai.server.http.ApiException;
import dev.k8sai.server.observe.AuditLog;
import dev.k8sai.server.observe.ServerMetrics;
import dev.k8sai.tools.Approver;
import dev.k8sai.tools.ChangeRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Where the server parks changes until a person decides. A run's {@link Approver} (the use cases'
 * port) blocks its virtual thread on a future that only {@link #decide} completes — called by the
 * approvals route for an authenticated operator — so nothing the model writes or the cluster contains
 * can approve. Without --allow-writes every change is refused at once; a change nobody decides within
 * the timeout expires, which counts as denied.
 */
public final class ApprovalDesk {

    private final boolean allowWrites;
    private final Duration timeout;
    private final AuditLog audit;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final Map<String, PendingApproval> approvals = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Boolean>> waiting = new ConcurrentHashMap<>();

    public ApprovalDesk(boolean allowWrites, Duration timeout, AuditLog audit, ServerMetrics metrics, Clock clock) {
        this.allowWrites = allowWrites;
        this.timeout = timeout;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The approver of one run: each change it is asked about is parked (and {@code onParked} told, so
     * the run's stream shows it) until decided or expired.
     */
    public Approver approverFor(AuthenticatedUser requester, String runId, Consumer<PendingApproval> onParked) {
        return change -> {
            if (!allowWrites) {
                audit.record(AuditLog.Type.APPROVAL, requester, line(change, runId, "refused",
                        "the server was started without --allow-writes"));
                metrics.approval("refused");
                return false;
            }
            return park(requester, runId, change, onParked);
        };
    }

    private boolean park(AuthenticatedUser requester, String runId, ChangeRequest change, Consumer<PendingApproval> onParked) {
        Instant now = clock.instant();
        PendingApproval pending = new PendingApproval(UUID.randomUUID().toString(), runId, change, requester.name(), now,
                now.plus(timeout), PendingApproval.State.PENDING, null, null);
        CompletableFuture<Boolean> decision = new CompletableFuture<>();
        approvals.put(pending.id(), pending);
        waiting.put(pending.id(), decision);
        audit.record(AuditLog.Type.APPROVAL, requester, withId(line(change, runId, "requested", null), pending.id()));
        onParked.accept(pending);
        try {
            return decision.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            finish(pending.id(), PendingApproval.State.EXPIRED, null);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(pending.id(), PendingApproval.State.DENIED, null);
            return false;
        } catch (ExecutionException e) {
            return false;
        } finally {
            waiting.remove(pending.id());
        }
    }

    /** An operator's decision; 404 for an unknown id, 409 when already decided or expired. */
    public PendingApproval decide(String id, boolean approve, AuthenticatedUser operator) {
        PendingApproval current = approvals.get(id);
        if (current == null) {
            throw ApiException.notFound("no approval " + id);
        }
        if (current.state() != PendingApproval.State.PENDING) {
            throw new ApiException(409, "approval " + id + " is already " + current.state().name().toLowerCase(java.util.Locale.ROOT));
        }
        PendingApproval done = finish(id, approve ? PendingApproval.State.APPROVED : PendingApproval.State.DENIED, operator);
        if (done == null) {
            throw new ApiException(409, "approval " + id + " was decided or expired meanwhile");
        }
        return done;
    }

    /** Denies whatever a cancelled run was still waiting for. */
    public void denyPendingOf(String runId) {
        approvals.values().stream().filter(a -> a.runId().equals(runId) && a.state() == PendingApproval.State.PENDING)
                .forEach(a -> finish(a.id(), PendingApproval.State.DENIED, null));
    }

    private PendingApproval finish(String id, PendingApproval.State state, AuthenticatedUser by) {
        PendingApproval[] result = new PendingApproval[1];
        approvals.computeIfPresent(id, (k, current) -> {
            if (current.state() != PendingApproval.State.PENDING) {
                return current;
            }
            result[0] = current.decided(state, by == null ? null : by.name(), clock.instant());
            return result[0];
        });
        if (result[0] == null) {
            return null;
        }
        CompletableFuture<Boolean> future = waiting.get(id);
        if (future != null) {
            future.complete(state == PendingApproval.State.APPROVED);
        }
        String decision = state.name().toLowerCase(java.util.Locale.ROOT);
        metrics.approval(decision);
        Map<String, Object> line = withId(line(result[0].change(), result[0].runId(), decision, null), id);
        line.put("requestedBy", result[0].requestedBy());
        audit.record(AuditLog.Type.APPROVAL, by, line);
        return result[0];
    }

    /** One approval as it stands now. */
    public java.util.Optional<PendingApproval> find(String id) {
        return java.util.Optional.ofNullable(approvals.get(id));
    }

    /** Pending first, then the most recent decisions. */
    public List<PendingApproval> list() {
        return approvals.values().stream()
                .sorted(Comparator.comparing((PendingApproval a) -> a.state() != PendingApproval.State.PENDING)
                        .thenComparing(PendingApproval::requestedAt, Comparator.reverseOrder()))
                .limit(200).toList();
    }

    private static Map<String, Object> line(ChangeRequest change, String runId, String decision, String reason) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("operation", "approval");
        line.put("decision", decision);
        line.put("run", runId);
        line.put("change", change.subject());
        line.put("verb", change.verb());
        line.put("namespace", change.namespace());
        if (reason != null) {
            line.put("reason", reason);
        }
        return line;
    }

    private static Map<String, Object> withId(Map<String, Object> line, String id) {
        line.put("approval", id);
        return line;
    }
}
