package dev.k8sai.server.routes;

import dev.k8sai.app.DryRun;
import dev.k8sai.llm.TokenCounter;
import dev.k8sai.server.auth.Role;
import dev.k8sai.server.http.ApiCall;
import dev.k8sai.server.http.ApiException;
import dev.k8sai.server.http.RouteModule;
import dev.k8sai.server.http.RouteTable;
import dev.k8sai.server.runs.Run;
import dev.k8sai.server.runs.RunEvent;
import dev.k8sai.server.runs.RunService;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.sse.SseSink;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Agent runs: {@code POST /api/v1/runs} starts execute, chat or diagnose; {@code GET …/events} streams
 * the run as Server-Sent Events up to the turn's {@code done}; a chat takes follow-up turns with
 * {@code POST …/messages}; {@code DELETE} cancels. A run whose last follower disconnects is cancelled.
 */
public final class RunRoutes implements RouteModule {

    /** The start body; {@code kind}: execute (default), chat or diagnose; {@code dryRun}: show the request, send nothing. */
    public record StartBody(String kind, String message, String target, String namespace, Boolean allNamespaces,
                            Boolean readOnly, String profile, String model, Boolean dryRun) {
    }

    /** A chat's follow-up; a profile or model switches the conversation to it from this turn on. */
    public record MessageBody(String message, String profile, String model) {
    }

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final RunService runs;

    public RunRoutes(RunService runs) {
        this.runs = runs;
    }

    @Override
    public void register(RouteTable routes) {
        routes.post("/api/v1/runs", Role.VIEWER, this::start);
        routes.get("/api/v1/runs/{id}", Role.VIEWER, this::status);
        routes.get("/api/v1/runs/{id}/events", Role.VIEWER, this::events);
        routes.post("/api/v1/runs/{id}/messages", Role.VIEWER, this::message);
        routes.delete("/api/v1/runs/{id}", Role.VIEWER, this::cancel);
    }

    private void start(ApiCall call) {
        StartBody b = call.body(StartBody.class);
        Run.Kind kind;
        try {
            kind = Run.Kind.valueOf((b.kind() == null ? "execute" : b.kind()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("kind must be execute, chat or diagnose");
        }
        RunService.Start start = new RunService.Start(kind, b.message(), b.target(), b.namespace(),
                Boolean.TRUE.equals(b.allNamespaces()), Boolean.TRUE.equals(b.readOnly()), b.profile(), b.model());
        if (Boolean.TRUE.equals(b.dryRun())) {
            dryRun(call, kind, b, runs.preview(call.user(), start));
            return;
        }
        Run run = runs.start(call.user(), start);
        call.audit("operation", "run").audit("run", run.id()).audit("kind", kind.name().toLowerCase(Locale.ROOT))
                .audit("namespace", b.namespace()).audit("model", b.model()).audit("profile", b.profile());
        call.json(202, Map.of("id", run.id(), "events", "/api/v1/runs/" + run.id() + "/events"));
    }

    /** The CLI's --dry-run as JSON: each request as it would be sent and the input token estimate. */
    private static void dryRun(ApiCall call, Run.Kind kind, StartBody b, DryRun preview) {
        call.audit("operation", "dry-run").audit("kind", kind.name().toLowerCase(Locale.ROOT))
                .audit("namespace", b.namespace()).audit("model", b.model()).audit("profile", b.profile());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dryRun", true);
        body.put("profile", preview.profile().name());
        body.put("model", preview.profile().model());
        body.put("requests", preview.renderedRequests());
        body.put("estimatedInputTokens", preview.estimatedInputTokens());
        body.put("encoding", TokenCounter.forModel(preview.profile().model()).encodingName());
        call.json(200, body);
    }

    private void status(ApiCall call) {
        Run run = runs.get(call.pathParam("id"), call.user());
        call.json(200, Map.of("id", run.id(), "kind", run.kind().name().toLowerCase(Locale.ROOT),
                "owner", run.owner().name(), "busy", run.busy(), "events", run.eventCount(),
                "started", run.started().toString()));
    }

    private void message(ApiCall call) {
        Run run = runs.get(call.pathParam("id"), call.user());
        int from = run.eventCount();
        MessageBody b = call.body(MessageBody.class);
        runs.followUp(run, b.message(), b.profile(), b.model());
        call.audit("operation", "chat-turn").audit("run", run.id()).audit("model", b.model()).audit("profile", b.profile());
        call.json(202, Map.of("id", run.id(), "events", "/api/v1/runs/" + run.id() + "/events?after=" + (from - 1)));
    }

    private void cancel(ApiCall call) {
        Run run = runs.get(call.pathParam("id"), call.user());
        runs.cancel(run);
        call.audit("operation", "cancel").audit("run", run.id());
        call.json(200, Map.of("id", run.id(), "cancelled", true));
    }

    /**
     * Streams from after {@code ?after=SEQ} or {@code Last-Event-ID} (a reconnect), else from the start,
     * until the next {@code done}. A keep-alive comment every 15 s also notices a client that left.
     */
    private void events(ApiCall call) throws InterruptedException {
        Run run = runs.get(call.pathParam("id"), call.user());
        String after = call.query("after").orElse(call.header("Last-Event-ID").orElse(null));
        int next;
        try {
            next = after == null ? 0 : Integer.parseInt(after.trim()) + 1;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("after / Last-Event-ID must be an event number");
        }
        call.audit("operation", "events").audit("run", run.id());
        run.follow();
        boolean gone = false;
        try (SseSink sink = call.response().sink(SseSink.TYPE)) {
            boolean done = false;
            while (!done) {
                var batch = run.eventsFrom(next, KEEP_ALIVE);
                if (batch.isEmpty()) {
                    sink.emit(SseEvent.builder().comment("keep-alive").build());
                    continue;
                }
                for (RunEvent e : batch) {
                    sink.emit(SseEvent.builder().id(Integer.toString(e.seq())).name(e.type())
                            .data(ApiCall.WRITER.writeValueAsString(e.data())).build());
                    next = e.seq() + 1;
                    if (e.type().equals("done")) {
                        done = true;
                        break;
                    }
                }
            }
        } catch (RuntimeException | java.io.IOException e) {
            gone = true;   // the client closed the connection
        } finally {
            if (run.unfollow() && gone) {
                runs.cancel(run);
            }
        }
    }
}
