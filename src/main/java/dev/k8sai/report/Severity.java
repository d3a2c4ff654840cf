package dev.k8sai.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Severity of a finding; serialized in lower case as the findings spec requires. */
public enum Severity {
    CRITICAL, WARNING, INFO;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Severity fromWire(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
