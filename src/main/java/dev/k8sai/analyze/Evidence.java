package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.cluster.EventTimes;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Comparator;
import java.util.List;

/** Evidence lines shared by analyzers: the object's Warning events, newest first, bounded. */
public final class Evidence {

    /** More events than this add tokens to --explain without adding information. */
    public static final int MAX_EVENTS = 5;
    private static final int MAX_MESSAGE = 300;

    private Evidence() {
    }

    /** "event BackOff x31: Back-off restarting failed container" for each Warning event. */
    public static List<String> warningEvents(ClusterSnapshot snapshot, HasMetadata object) {
        return warningEventList(snapshot, object).stream().map(Evidence::describe).toList();
    }

    public static List<Event> warningEventList(ClusterSnapshot snapshot, HasMetadata object) {
        return snapshot.eventsFor(object).stream()
                .filter(e -> "Warning".equals(e.getType()))
                .sorted(Comparator.comparing(EventTimes::lastSeen).reversed())
                .limit(MAX_EVENTS)
                .toList();
    }

    public static String describe(Event e) {
        int count = e.getCount() == null ? 1 : e.getCount();
        String message = e.getMessage() == null ? "" : e.getMessage().strip().replace('\n', ' ');
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…";
        }
        return "event " + e.getReason() + (count > 1 ? " x" + count : "") + ": " + message;
    }
}
