package dev.k8sai.server.routes;

import dev.k8sai.cluster.SnapshotOrigin;
import dev.k8sai.cluster.WatchCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Identical analyze/audit requests share one computation while the watch cache has not changed: the
 * analyzers are pure functions of the snapshot, so the same scope at the same cache generation gives
 * the same findings. Concurrent identical requests wait for the one in flight (50 dashboards asking
 * at once cost one analysis); a finished answer is reused until the cache changes or it is
 * {@link #MAX_AGE} old (checks that compare ages with the clock see at most that much drift). Only
 * answers built wholly from the cache are kept; the freshness header of a reused answer shows its
 * real age.
 */
public final class SharedResults {

    /** How long a finished answer may be reused while the cache is unchanged. */
    public static final Duration MAX_AGE = Duration.ofSeconds(2);

    /** One computed answer: the body and what the route adds around it. */
    record Answer(String contentType, byte[] body, List<String> notes, SnapshotOrigin origin, int findings) {
    }

    private record Entry(long generation, Instant at, CompletableFuture<Answer> answer) {
    }

    private final WatchCache cache;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    SharedResults(WatchCache cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    /** The answer to the request {@code key} names, computed by {@code compute} unless a current one exists. */
    Answer get(String key, Supplier<Answer> compute) {
        long generation = cache.generation();
        Instant now = clock.instant();
        // answers past their age are dropped here, so the map holds only the last seconds' requests
        entries.values().removeIf(e -> e.answer().isDone() && !e.at().plus(MAX_AGE).isAfter(now));
        Entry mine = new Entry(generation, now, new CompletableFuture<>());
        Entry entry = entries.compute(key, (k, old) -> old != null && old.generation() == generation
                && old.at().plus(MAX_AGE).isAfter(now) && !old.answer().isCompletedExceptionally() ? old : mine);
        if (entry == mine) {
            try {
                Answer answer = compute.get();
                mine.answer().complete(answer);
                if (!SnapshotOrigin.WATCH_CACHE.equals(answer.origin() == null ? null : answer.origin().source())) {
                    entries.remove(key, mine);
                }
            } catch (RuntimeException e) {
                mine.answer().completeExceptionally(e);
                entries.remove(key, mine);
                throw e;
            }
        }
        try {
            return entry.answer().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
