package dev.k8sai.server.runs;

import dev.k8sai.CancellationToken;
import dev.k8sai.app.AgentRun;
import dev.k8sai.server.auth.AuthenticatedUser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One run: its events so far (a follower who connects late, or reconnects with Last-Event-ID, replays
 * them), whether a turn is in progress, how many clients follow it, and for chat the open conversation.
 */
public final class Run {

    public enum Kind { EXECUTE, CHAT, DIAGNOSE }

    private final String id;
    private final Kind kind;
    private final AuthenticatedUser owner;
    private final Instant started;
    private final List<RunEvent> events = new ArrayList<>();
    private boolean busy;
    private int followers;
    private CancellationToken cancellation = new CancellationToken();
    private AgentRun conversation;

    Run(String id, Kind kind, AuthenticatedUser owner, Instant started) {
        this.id = id;
        this.kind = kind;
        this.owner = owner;
        this.started = started;
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public AuthenticatedUser owner() {
        return owner;
    }

    public Instant started() {
        return started;
    }

    public synchronized void emit(String type, Object data) {
        events.add(new RunEvent(events.size(), type, data));
        notifyAll();
    }

    /** Events from {@code from} on, waiting up to {@code wait} when there are none yet. */
    public synchronized List<RunEvent> eventsFrom(int from, Duration wait) throws InterruptedException {
        if (events.size() <= from) {
            wait(Math.max(1, wait.toMillis()));
        }
        return from >= events.size() ? List.of() : List.copyOf(events.subList(from, events.size()));
    }

    public synchronized int eventCount() {
        return events.size();
    }

    public synchronized boolean busy() {
        return busy;
    }

    /** Starts a turn; false when one is already in progress. */
    synchronized boolean beginTurn() {
        if (busy) {
            return false;
        }
        busy = true;
        if (cancellation.isCancelled()) {
            cancellation = new CancellationToken();
        }
        return true;
    }

    synchronized void endTurn() {
        busy = false;
    }

    public synchronized CancellationToken cancellation() {
        return cancellation;
    }

    synchronized AgentRun conversation() {
        return conversation;
    }

    synchronized void conversation(AgentRun run) {
        conversation = run;
    }

    public synchronized void follow() {
        followers++;
    }

    /** A follower left; true when nobody follows any more while a turn runs (the turn is then cancelled). */
    public synchronized boolean unfollow() {
        followers--;
        return followers <= 0 && busy;
    }
}
