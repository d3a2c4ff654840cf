package dev.k8sai.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One problem found by a rule-based check, in the shape fixed by shared/spec/findings.md.
 * {@code namespace} is null for cluster-scoped kinds; {@code parent} is "Kind/namespace/name" of the
 * owner or null; {@code explanation} is filled only by --explain. Optional (round two, omitted from
 * JSON/YAML when empty): {@code related}, symptoms of this finding's cause folded into it, and
 * {@code cluster}, the kubeconfig context when several clusters are analysed in one run.
 */
@JsonPropertyOrder({"cluster", "analyzer", "kind", "namespace", "name", "severity", "reason", "message", "parent", "evidence",
        "related", "explanation"})
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
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Related> related,
        String explanation,
        @JsonInclude(JsonInclude.Include.NON_NULL) String cluster) {

    /** A symptom of the finding's cause, reported as its detail instead of as a finding of its own. */
    @JsonPropertyOrder({"reason", "message"})
    public record Related(String reason, String message) {
        public Related {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    public Finding {
        Objects.requireNonNull(analyzer, "analyzer");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        related = related == null ? List.of() : List.copyOf(related);
    }

    /** The round-one shape: no related symptoms, no cluster. */
    public Finding(String analyzer, String kind, String namespace, String name, Severity severity, String reason,
                   String message, String parent, List<String> evidence, String explanation) {
        this(analyzer, kind, namespace, name, severity, reason, message, parent, evidence, List.of(), explanation, null);
    }

    /** A finding without parent, evidence or explanation. */
    public static Finding of(String analyzer, String kind, String namespace, String name,
                             Severity severity, String reason, String message) {
        return new Finding(analyzer, kind, namespace, name, severity, reason, message, null, List.of(), null);
    }

    public Finding withParent(String newParent) {
        return new Finding(analyzer, kind, namespace, name, severity, reason, message, newParent, evidence, related,
                explanation, cluster);
    }

    public Finding withEvidence(List<String> newEvidence) {
        return new Finding(analyzer, kind, namespace, name, severity, reason, message, parent, newEvidence, related,
                explanation, cluster);
    }

    public Finding withExplanation(String newExplanation) {
        return new Finding(analyzer, kind, namespace, name, severity, reason, message, parent, evidence, related,
                newExplanation, cluster);
    }

    public Finding withRelated(List<Related> newRelated) {
        return new Finding(analyzer, kind, namespace, name, severity, reason, message, parent, evidence, newRelated,
                explanation, cluster);
    }

    public Finding withCluster(String newCluster) {
        return new Finding(analyzer, kind, namespace, name, severity, reason, message, parent, evidence, related,
                explanation, newCluster);
    }

    /** "Kind/namespace/name", or "Kind/name" for cluster-scoped objects. */
    public String objectRef() {
        return new ObjectRef(kind, namespace, name).toString();
    }
}
