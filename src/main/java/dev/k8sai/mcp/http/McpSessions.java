package dev.k8sai.mcp.http;

import dev.k8sai.app.ToolCalls;
import dev.k8sai.server.auth.AuthenticatedUser;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The MCP sessions of the HTTP endpoint. The SDK's server is stateless; a session here holds only what
 * must outlive one request: the user's cluster tools with their secret ledger (a value redacted in one
 * call stays redacted when a later call of the same session finds it under an innocent name, as in one
 * agent run). A session belongs to the user who opened it: anyone else gets "unknown session". Idle
 * sessions end after {@link #IDLE}; a user holds at most {@link #PER_USER} (the oldest ends first).
 */
final class McpSessions implements AutoCloseable {

    static final Duration IDLE = Duration.ofMinutes(30);
    static final int PER_USER = 8;

    /** One session: its id, owner and tools; {@code lastUsed} in System.nanoTime(). */
    static final class Session {
        final String id;
        final AuthenticatedUser owner;
        final ToolCalls calls;
        volatile long lastUsed = System.nanoTime();

        Session(String id, AuthenticatedUser owner, ToolCalls calls) {
            this.id = id;
            this.owner = owner;
            this.calls = calls;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** A new session for {@code user}; {@code tools} connects its cluster tools (may fail: nothing is kept then). */
    Session open(AuthenticatedUser user, Supplier<ToolCalls> tools) {
        expireIdle();
        var mine = sessions.values().stream().filter(s -> s.owner.equals(user))
                .sorted(Comparator.comparingLong(s -> s.lastUsed)).toList();
        for (int i = 0; i <= mine.size() - PER_USER; i++) {
            end(mine.get(i));
        }
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        Session s = new Session(HexFormat.of().formatHex(bytes), user, tools.get());
        sessions.put(s.id, s);
        return s;
    }

    /** {@code user}'s session {@code id}, touched; empty when unknown, expired or someone else's. */
    Optional<Session> find(String id, AuthenticatedUser user) {
        expireIdle();
        Session s = id == null ? null : sessions.get(id);
        if (s == null || !s.owner.equals(user)) {
            return Optional.empty();
        }
        s.lastUsed = System.nanoTime();
        return Optional.of(s);
    }

    /** Ends {@code user}'s session {@code id}; false when there is none. */
    boolean end(String id, AuthenticatedUser user) {
        Optional<Session> s = find(id, user);
        s.ifPresent(this::end);
        return s.isPresent();
    }

    private void end(Session s) {
        if (sessions.remove(s.id, s)) {
            s.calls.close();
        }
    }

    private void expireIdle() {
        long now = System.nanoTime();
        sessions.values().stream().filter(s -> now - s.lastUsed > IDLE.toNanos()).toList().forEach(this::end);
    }

    @Override
    public void close() {
        sessions.values().stream().toList().forEach(this::end);
    }
}
