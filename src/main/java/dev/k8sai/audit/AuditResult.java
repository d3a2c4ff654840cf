package dev.k8sai.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.k8sai.report.FindingsReport;
import java.util.List;

/**
 * Everything one audit produced. {@link #report()} is the findings document of
 * shared/spec/findings.md (analyzer "security"); the rest is audit-specific detail for the text and
 * JSON renderers.
 *
 * @param workloads one entry per audited workload with its Pod Security level (empty without PSS)
 * @param images    one entry per distinct image scanned (empty without image scanning)
 * @param notes     one-line notes for the user, e.g. {@link TrivyScanner#NOT_FOUND_NOTE}
 */
@JsonPropertyOrder({"report", "workloads", "images", "notes"})
public record AuditResult(FindingsReport report, List<WorkloadLevel> workloads, List<ImageScan> images,
                          List<String> notes) {

    public AuditResult {
        workloads = List.copyOf(workloads);
        images = List.copyOf(images);
        notes = List.copyOf(notes);
    }

    /** A workload's Pod Security level and the codes of every control it violates (both profiles). */
    @JsonPropertyOrder({"kind", "namespace", "name", "level", "violations"})
    public record WorkloadLevel(String kind, String namespace, String name, PssLevel level, List<String> violations) {
        public WorkloadLevel {
            violations = List.copyOf(violations);
        }
    }
}
