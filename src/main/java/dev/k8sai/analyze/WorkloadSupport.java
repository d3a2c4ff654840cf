package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Helpers shared by the workload analyzers (pod … pdb): finding construction, timestamps, selectors. */
final class WorkloadSupport {

    private WorkloadSupport() {
    }

    /** A finding on {@code object} with its parent (via {@link Owners}) and its Warning events as evidence. */
    static Finding finding(String analyzer, ClusterSnapshot snapshot, HasMetadata object,
                           Severity severity, String reason, String message) {
        return new Finding(analyzer, object.getKind(), ClusterSnapshot.namespaceOrNull(object),
                object.getMetadata().getName(), severity, reason, message,
                Owners.parentOf(snapshot, object), Evidence.warningEvents(snapshot, object), null);
    }

    /** An RFC 3339 timestamp, or null when absent or malformed (a bad timestamp must not abort analysis). */
    static Instant instant(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Time from {@code since} to the snapshot's clock, or null when {@code since} is unknown. */
    static Duration age(ClusterSnapshot snapshot, String since) {
        Instant start = instant(since);
        return start == null ? null : Duration.between(start, snapshot.now());
    }

    /** "45s", "12m", "3h5m", "2d4h": compact, like kubectl's AGE column. */
    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m";
        }
        if (s < 86400) {
            long m = (s % 3600) / 60;
            return (s / 3600) + "h" + (m > 0 ? m + "m" : "");
        }
        long h = (s % 86400) / 3600;
        return (s / 86400) + "d" + (h > 0 ? h + "h" : "");
    }

    static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** Whether the selector matches these labels. A null selector matches nothing, an empty one everything. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        return LabelSelectors.matches(selector, labels);
    }
}
