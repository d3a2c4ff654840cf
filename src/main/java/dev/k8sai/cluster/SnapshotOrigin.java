package dev.k8sai.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where the data of a live snapshot came from and how fresh it is; {@code serve} sends it with every
 * analyze and audit answer.
 *
 * @param source        {@link #WATCH_CACHE} (every kind from informer stores), {@link #LIST} (read for this
 *                      request), or {@link #MIXED} (the cache, plus LISTs of the kinds it could not serve)
 * @param syncedAt      when the data last matched the cluster: the end of the LISTs, or the moment the
 *                      snapshot was taken from stores whose watches were open (the API server pushes every
 *                      change to an open watch, so such a store is current to within event delivery)
 * @param cacheListedAt the oldest last full LIST (start or relist) of the informers used; null without the cache
 * @param listed        kinds LISTed for this request although the cache served the others
 */
public record SnapshotOrigin(String source, Instant syncedAt, Instant cacheListedAt, List<String> listed) {

    public static final String WATCH_CACHE = "watch-cache";
    public static final String LIST = "list";
    public static final String MIXED = "watch-cache+list";

    public SnapshotOrigin {
        listed = List.copyOf(listed);
    }

    /** A snapshot read by LISTs that ended at {@code at}. */
    public static SnapshotOrigin listedAt(Instant at) {
        return new SnapshotOrigin(LIST, at, null, List.of());
    }

    /** How old the data is at {@code now}, in milliseconds. */
    public long ageMs(Instant now) {
        return Math.max(0, Duration.between(syncedAt, now).toMillis());
    }

    /**
     * The {@code X-K8sai-Snapshot} header value: {@code source=watch-cache; syncedAt=…; ageMs=…} plus
     * {@code cacheListedAt} and {@code listed} when there are any.
     */
    public String header(Instant now) {
        StringBuilder b = new StringBuilder("source=").append(source).append("; syncedAt=").append(syncedAt)
                .append("; ageMs=").append(ageMs(now));
        if (cacheListedAt != null) {
            b.append("; cacheListedAt=").append(cacheListedAt);
        }
        if (!listed.isEmpty()) {
            b.append("; listed=").append(String.join(",", listed));
        }
        return b.toString();
    }
}
