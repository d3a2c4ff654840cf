package dev.k8sai.server.limits;

import dev.k8sai.server.http.ApiException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-user daily LLM token budget (--daily-tokens-per-user), one for the whole server: agent runs,
 * analyze/audit with explain, generate and the /mcp tools that call the model all draw on it. A request checks what is left before it calls
 * the model (429 when nothing is), passes that as its token cap, and charges what it used afterwards.
 */
public final class DailyTokens {

    private final long perDay;
    private final Clock clock;
    private final Map<String, Long> spent = new ConcurrentHashMap<>();

    public DailyTokens(long perDay, Clock clock) {
        this.perDay = perDay;
        this.clock = clock;
    }

    /** The tokens {@code user} has left today, or 429 when none. */
    public long left(String user) {
        long left = perDay - spent.getOrDefault(dayKey(user), 0L);
        if (left <= 0) {
            throw new ApiException(429, "daily token budget of " + perDay + " used up; it resets at 00:00 UTC");
        }
        return left;
    }

    /** {@link #left} as a token cap for the use cases' settings. */
    public int capFor(String user) {
        return (int) Math.min(Integer.MAX_VALUE, left(user));
    }

    public void charge(String user, long tokens) {
        if (tokens > 0) {
            spent.merge(dayKey(user), tokens, Long::sum);
        }
    }

    private String dayKey(String user) {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)) + "/" + user;
    }
}
