package dev.k8sai.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One problem found by a rule-based check, in the shape fixed by shared/spec/findings.md.
 * {@code namespace} is null for cluster-scoped kinds; {@code parent} is "Kind/namespace/name" of the
 * owner or null; {@code explanation} is filled only by --explain.
 */
@JsonPropertyOrder({"analyzer", "kind", "namespace", "name", "severity", "reason", "message", "parent", "evidence", "explanation"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Finding(
        String analyzer,
        String kind,
        String namespace,
        String name,
        Severity severity,
        String reason,
        String message,
        String parent,
        List<String> evidence,
        String explanation) {

    public Finding {
        Objects.requireNonNull(analyzer, "analyzer");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** A finding without parent, evidence or explanation. */
    public static Finding of(String analyzer, String kind, String namespace, String name,
                             Severity severity, String reason, String message) {
        return new Finding(analyzer, kind, namespace, name, severity, reason, message, null, List.of(), null);
    }

    public Finding withParent(String newParent) {
        return new Finding(analyzer, kind, namespace, name, severity, reason, message, newParent, evidence, explanation);
    }

    public Finding withEvidence(List<String> newEvidence) {
        return new Finding(analyzer, kind, namespace, name, severity, reason, message, parent, newEvidence, explanation);
    }

    public Finding withExplanation(String newExplanation) {
        return new Finding(analyzer, kind, namespace, name, severity, reason, message, parent, evidence, newExplanation);
    }

    /** "Kind/namespace/name", or "Kind/name" for cluster-scoped objects. */
    public String objectRef() {
        return new ObjectRef(kind, namespace, name).toString();
    }
}
