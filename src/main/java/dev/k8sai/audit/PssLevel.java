package dev.k8sai.audit;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Pod Security Standards profiles, most permissive first. A workload's level is the most restrictive
 * profile it satisfies; as an audit option it selects which controls are reported.
 */
public enum PssLevel {
    PRIVILEGED, BASELINE, RESTRICTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "baseline" / "restricted" / "privileged", case-insensitively. */
    public static PssLevel parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown Pod Security level '" + value + "' (expected baseline or restricted)", e);
        }
    }
}
