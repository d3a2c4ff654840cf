package dev.k8sai.server.runs;

import dev.k8sai.server.http.ApiException;
import dev.k8sai.server.limits.DailyTokens;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-user limits of runs: concurrent turns, and the server's daily token budget. */
final class RunLimits {

    private final int turnsPerUser;
    private final DailyTokens tokens;
    private final Map<String, Integer> active = new ConcurrentHashMap<>();

    RunLimits(int turnsPerUser, DailyTokens tokens) {
        this.turnsPerUser = turnsPerUser;
        this.tokens = tokens;
    }

    /** Takes a slot for {@code user}, or 429; returns the tokens left today (the run's token cap). */
    long acquire(String user) {
        long left = tokens.left(user);
        int now = active.merge(user, 1, Integer::sum);
        if (now > turnsPerUser) {
            active.merge(user, -1, Integer::sum);
            throw new ApiException(429, "at most " + turnsPerUser + " runs at a time per user");
        }
        return left;
    }

    void release(String user, long tokensUsed) {
        active.merge(user, -1, Integer::sum);
        tokens.charge(user, tokensUsed);
    }
}
