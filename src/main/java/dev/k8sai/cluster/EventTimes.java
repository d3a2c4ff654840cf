package dev.k8sai.cluster;

import io.fabric8.kubernetes.api.model.Event;

/** When an event was last seen, whichever field its producer set (core/v1 and events.k8s.io styles). */
public final class EventTimes {

    private EventTimes() {
    }

    /** An RFC 3339 timestamp (they sort lexically), or "" when the event carries none. */
    public static String lastSeen(Event e) {
        if (e.getLastTimestamp() != null) {
            return e.getLastTimestamp();
        }
        if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
            return e.getEventTime().getTime();
        }
        return e.getMetadata().getCreationTimestamp() == null ? "" : e.getMetadata().getCreationTimestamp();
    }
}
