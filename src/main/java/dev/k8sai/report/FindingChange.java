package dev.k8sai.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;

/**
 * One change of the findings while {@code analyze --watch} runs: a finding that appeared, or one
 * that cleared. Printed as one line each: text, or one JSON object per line ({@code -o json}).
 */
@JsonPropertyOrder({"time", "change", "finding"})
public record FindingChange(@JsonIgnore Instant at, @JsonIgnore boolean appeared, Finding finding) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String getTime() {
        return at.toString();
    }

    public String getChange() {
        return appeared ? "appeared" : "cleared";
    }

    /** "2026-03-01T12:00:00Z + CRITICAL Pod/shop/web-1 CrashLoopBackOff: …" or "… - cleared Pod/shop/web-1 CrashLoopBackOff". */
    public String toText() {
        String where = (finding.cluster() == null ? "" : finding.cluster() + " ") + finding.objectRef() + " " + finding.reason();
        return appeared ? at + " + " + finding.severity().name() + " " + where + ": " + finding.message()
                : at + " - cleared " + where;
    }

    public String toJsonLine() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a finding change", e);
        }
    }
}
