package dev.k8sai.server.runs;

import dev.k8sai.AgentException;
import dev.k8sai.agent.AgentResult;
import dev.k8sai.app.AgentRun;
import dev.k8sai.app.DiagnoseUseCase;
import dev.k8sai.app.DryRun;
import dev.k8sai.app.ExecuteUseCase;
import dev.k8sai.app.LlmConnector;
import dev.k8sai.app.LlmSettings;
import dev.k8sai.cluster.ClusterTarget;
import dev.k8sai.config.ProviderProfile;
import dev.k8sai.server.ServerTargets;
import dev.k8sai.server.approvals.ApprovalDesk;
import dev.k8sai.server.auth.AuthenticatedUser;
import dev.k8sai.server.auth.Role;
import dev.k8sai.server.http.ApiException;
import dev.k8sai.server.limits.DailyTokens;
import dev.k8sai.server.observe.AuditLog;
import dev.k8sai.server.observe.ServerMetrics;
import dev.k8sai.tools.ChangeGuard;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts and follows agent runs (execute, chat turns, diagnose) on virtual threads through the use
 * cases, streaming their steps as {@link RunEvent}s. A viewer's run is read-only; an operator's run
 * asks the {@link ApprovalDesk} before any change.
 */
public final class RunService implements AutoCloseable {

    /** What starts a run; {@code target} is diagnose's subject (pod/x, deployment/y). */
    public record Start(Run.Kind kind, String message, String target, String namespace, boolean allNamespaces,
                        boolean readOnly, String profile, String model) {

        Start withModel(String newProfile, String newModel) {
            return new Start(kind, message, target, namespace, allNamespaces, readOnly, newProfile, newModel);
        }
    }

    private final ServerTargets targets;
    private final ApprovalDesk desk;
    private final AuditLog audit;
    private final ServerMetrics metrics;
    private final Map<String, String> env;
    private final Duration runTimeout;
    private final RunLimits limits;
    private final Clock clock;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Map<String, Start> starts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("run-timeouts").factory());

    public RunService(ServerTargets targets, ApprovalDesk desk, AuditLog audit, ServerMetrics metrics,
                      Map<String, String> env, int runsPerUser, DailyTokens dailyTokens, Duration runTimeout, Clock clock) {
        this.targets = targets;
        this.desk = desk;
        this.audit = audit;
        this.metrics = metrics;
        this.env = env;
        this.runTimeout = runTimeout;
        this.limits = new RunLimits(runsPerUser, dailyTokens);
        this.clock = clock;
    }

    public Run start(AuthenticatedUser user, Start start) {
        if (start.kind() == Run.Kind.DIAGNOSE ? blank(start.target()) : blank(start.message())) {
            throw ApiException.badRequest(start.kind() == Run.Kind.DIAGNOSE ? "diagnose needs a target (pod/NAME…)"
                    : "a run needs a message");
        }
        Run run = new Run(UUID.randomUUID().toString(), start.kind(), user, clock.instant());
        runs.put(run.id(), run);
        starts.put(run.id(), start);
        turn(run, start.message(), () -> { });
        return run;
    }

    /**
     * What the run's first request would send, built but not sent (--dry-run): nothing is started, no model
     * is called, no tokens are counted against the user.
     */
    public DryRun preview(AuthenticatedUser user, Start start) {
        if (start.kind() == Run.Kind.DIAGNOSE ? blank(start.target()) : blank(start.message())) {
            throw ApiException.badRequest(start.kind() == Run.Kind.DIAGNOSE ? "diagnose needs a target (pod/NAME…)"
                    : "a run needs a message");
        }
        ClusterTarget target = targets.forUser(user, start.namespace(), start.allNamespaces());
        LlmSettings llm = targets.llm(start.profile(), start.model(), null, null);
        if (start.kind() == Run.Kind.DIAGNOSE) {
            return new DiagnoseUseCase(env).preview(new DiagnoseUseCase.Request(List.of(start.target()), target, llm, true,
                    blank(start.message()) ? null : start.message()));
        }
        return new ExecuteUseCase(env).preview(new ExecuteUseCase.Request(target, llm, policy(user, start), true),
                start.message(), note -> { });
    }

    /**
     * A chat's next turn, on the same conversation. With a {@code profile} or {@code model} the turn (and the
     * following ones) go to that model, the conversation so far included; with neither the choice stays.
     */
    public void followUp(Run run, String message, String profile, String model) {
        if (run.kind() != Run.Kind.CHAT) {
            throw new ApiException(409, "only a chat run takes follow-up messages");
        }
        if (blank(message)) {
            throw ApiException.badRequest("a follow-up needs a message");
        }
        turn(run, message, () -> {
            if (profile == null && model == null) {
                return;
            }
            AgentRun conversation = run.conversation();
            if (conversation != null) {
                conversation.switchModel(targets.llm(profile, model, null, null));
            }
            starts.computeIfPresent(run.id(), (id, s) -> s.withModel(profile, model));
        });
    }

    /** The run, for its owner or an admin only (404 for others: ids are not to be probed). */
    public Run get(String id, AuthenticatedUser user) {
        Run run = runs.get(id);
        if (run == null || !(run.owner().name().equals(user.name()) || user.has(Role.ADMIN))) {
            throw ApiException.notFound("no run " + id);
        }
        return run;
    }

    public void cancel(Run run) {
        run.cancellation().cancel();
        desk.denyPendingOf(run.id());
    }

    /** Runs a turn on a virtual thread; {@code prepare} runs first, once the turn is this caller's (a model switch). */
    private void turn(Run run, String message, Runnable prepare) {
        if (!run.beginTurn()) {
            throw new ApiException(409, "this run is still answering; wait for its done event");
        }
        long tokensLeft;
        try {
            prepare.run();
            tokensLeft = limits.acquire(run.owner().name());
        } catch (RuntimeException e) {
            run.endTurn();
            throw e;
        }
        var timeout = timer.schedule(() -> cancel(run), runTimeout.toMillis(), TimeUnit.MILLISECONDS);
        Thread.ofVirtual().name("run-" + run.id()).start(() -> {
            long started = System.nanoTime();
            String outcome = "error";
            long used = 0;
            List<?> refused = List.of();
            try {
                AgentResult result = execute(run, message, (int) Math.min(Integer.MAX_VALUE, tokensLeft));
                used = result.usage().total();
                run.emit("usage", usage(run, result));
                outcome = result.stopReason().name().toLowerCase(java.util.Locale.ROOT);
                refused = result.refusedChanges();
            } catch (AgentException e) {
                if (e.category() == dev.k8sai.ErrorCategory.LLM) {
                    metrics.llmError(provider(run));
                }
                run.emit("error", Map.of("message", e.getMessage(), "category", e.category().name().toLowerCase(java.util.Locale.ROOT)));
            } catch (RuntimeException e) {
                run.emit("error", Map.of("message", "internal error: " + e.getClass().getSimpleName(), "category", "internal"));
            } finally {
                timeout.cancel(false);
                limits.release(run.owner().name(), used);
                metrics.tokens(provider(run), used);
                run.endTurn();
                metrics.run(run.kind().name().toLowerCase(java.util.Locale.ROOT), outcome,
                        Duration.ofNanos(System.nanoTime() - started));
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("run", run.id());
                line.put("kind", run.kind().name().toLowerCase(java.util.Locale.ROOT));
                line.put("outcome", outcome);
                line.put("tokens", used);
                audit.record(AuditLog.Type.RUN, run.owner(), line);
                // last, once the turn is over: a client that sends the next message on done must not get a 409;
                // a change the model asked for that was not made (declined, read-only) is named with the end of the turn
                run.emit("done", refused.isEmpty() ? Map.of("stopReason", outcome)
                        : Map.of("stopReason", outcome, "refusedChanges", refused));
            }
        });
    }

    private AgentResult execute(Run run, String message, int tokenCap) {
        Start s = starts.get(run.id());
        ClusterTarget target = targets.forUser(run.owner(), s.namespace(), s.allNamespaces());
        LlmSettings llm = targets.llm(s.profile(), s.model(), null, tokenCap);
        RunEvents events = new RunEvents(run, audit);
        if (run.kind() == Run.Kind.DIAGNOSE) {
            DiagnoseUseCase.Result result = new DiagnoseUseCase(env).run(new DiagnoseUseCase.Request(
                    List.of(s.target()), target, llm, true, blank(message) ? null : message), events, null, run.cancellation());
            run.emit("report", result.report());
            return result.run();
        }
        AgentRun agent = run.conversation();
        if (agent == null) {
            agent = new ExecuteUseCase(env).open(new ExecuteUseCase.Request(target, llm, policy(run.owner(), s), true),
                    desk.approverFor(run.owner(), run.id(), pending -> run.emit("approval-requested", pending.view())),
                    null, run.cancellation());
            if (run.kind() == Run.Kind.CHAT) {
                run.conversation(agent);
            }
        }
        try {
            boolean streams = agent.streamsText();
            AgentResult result = agent.ask(message, events, streams ? text -> run.emit("answer", Map.of("text", text)) : null);
            if (!streams && result.answer() != null) {
                run.emit("answer", Map.of("text", result.answer()));
            }
            return result;
        } finally {
            if (run.kind() != Run.Kind.CHAT) {
                agent.close();
            }
        }
    }

    /** A viewer's run and a read-only one refuse every change; an operator's ask the approval desk. */
    private static ChangeGuard.Policy policy(AuthenticatedUser user, Start s) {
        return s.readOnly() || !user.has(Role.OPERATOR) ? ChangeGuard.Policy.REFUSE_ALL : ChangeGuard.Policy.ASK;
    }

    /** A turn's usage event: its tokens, which profile and model answered, and the cost where the profile has a price. */
    private Map<String, Object> usage(Run run, AgentResult result) {
        Start s = starts.get(run.id());
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("input", result.usage().input());
        usage.put("output", result.usage().output());
        usage.put("total", result.usage().total());
        usage.put("roundTrips", result.roundTrips());
        try {
            ProviderProfile answered = new LlmConnector(targets.llm(s.profile(), s.model(), null, null), env).profile();
            usage.put("profile", answered.name());
            usage.put("model", answered.model());
            Double cost = answered.price().cost(result.usage().input(), result.usage().output());
            if (cost != null) {
                usage.put("cost", cost);
            }
        } catch (AgentException e) {
            // the configuration changed under a running server: the tokens are still worth reporting
        }
        return usage;
    }

    /** The profile a run asked for ("default": the configuration's), the provider label of its metrics. */
    private String provider(Run run) {
        String profile = starts.get(run.id()).profile();
        return profile == null ? "default" : profile;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        runs.values().forEach(r -> {
            r.cancellation().cancel();
            AgentRun conversation = r.conversation();
            if (conversation != null) {
                conversation.close();
            }
        });
    }
}
