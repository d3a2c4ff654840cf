package dev.k8sai.server.runs;

import dev.k8sai.server.http.ApiException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-user limits: concurrent turns and LLM tokens per UTC day. */
final class RunLimits {

    private final int turnsPerUser;
    private final long dailyTokens;
    private final Clock clock;
    private final Map<String, Integer> active = new ConcurrentHashMap<>();
    private final Map<String, Long> tokensToday = new ConcurrentHashMap<>();

    RunLimits(int turnsPerUser, long dailyTokens, Clock clock) {
        this.turnsPerUser = turnsPerUser;
        this.dailyTokens = dailyTokens;
        this.clock = clock;
    }

    /** Takes a slot for {@code user}, or 429; returns the tokens left today (the run's token cap). */
    long acquire(String user) {
        long left = dailyTokens - tokensToday.getOrDefault(dayKey(user), 0L);
        if (left <= 0) {
            throw new ApiException(429, "daily token budget of " + dailyTokens + " used up; it resets at 00:00 UTC");
        }
        int now = active.merge(user, 1, Integer::sum);
        if (now > turnsPerUser) {
            active.merge(user, -1, Integer::sum);
            throw new ApiException(429, "at most " + turnsPerUser + " runs at a time per user");
        }
        return left;
    }

    void release(String user, long tokensUsed) {
        active.merge(user, -1, Integer::sum);
        if (tokensUsed > 0) {
            tokensToday.merge(dayKey(user), tokensUsed, Long::sum);
        }
    }

    private String dayKey(String user) {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)) + "/" + user;
    }
}
