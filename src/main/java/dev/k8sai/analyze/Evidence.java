package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.cluster.EventTimes;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
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
        List<Event> events = warningEventList(snapshot, object);
        if (events.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(events.size());
        for (Event e : events) {
            lines.add(describe(e));
        }
        return Collections.unmodifiableList(lines);
    }

    /** Loops, not streams: this runs for every finding, mostly on code not yet compiled. */
    public static List<Event> warningEventList(ClusterSnapshot snapshot, HasMetadata object) {
        List<Event> all = snapshot.eventsFor(object);
        if (all.isEmpty()) {
            return List.of();
        }
        List<Event> warnings = new ArrayList<>();
        for (Event e : all) {
            if ("Warning".equals(e.getType())) {
                warnings.add(e);
            }
        }
        warnings.sort(NEWEST_FIRST); // stable, as the stream's sort was
        return Collections.unmodifiableList(warnings.size() > MAX_EVENTS ? new ArrayList<>(warnings.subList(0, MAX_EVENTS)) : warnings);
    }

    private static final Comparator<Event> NEWEST_FIRST = Comparator.comparing(EventTimes::lastSeen).reversed();

    public static String describe(Event e) {
        int count = e.getCount() == null ? 1 : e.getCount();
        String message = e.getMessage() == null ? "" : e.getMessage().strip().replace('\n', ' ');
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…";
        }
        return "event " + e.getReason() + (count > 1 ? " x" + count : "") + ": " + message;
    }
}
