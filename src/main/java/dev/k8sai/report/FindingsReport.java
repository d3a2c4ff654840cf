package dev.k8sai.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.List;

/** The document `analyze -o json` and `audit -o json` print (shared/spec/findings.md). */
@JsonPropertyOrder({"source", "findings", "summary"})
public record FindingsReport(String source, List<Finding> findings, Summary summary) {

    /** Severity first, then object, then reason: stable output whatever order checks ran in. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing(Finding::severity)
            .thenComparing(f -> f.namespace() == null ? "" : f.namespace())
            .thenComparing(Finding::kind)
            .thenComparing(Finding::name)
            .thenComparing(Finding::reason)
            .thenComparing(Finding::message);

    public FindingsReport {
        findings = List.copyOf(findings);
    }

    /** Sorts the findings and computes the summary. */
    public static FindingsReport of(String source, List<Finding> findings) {
        List<Finding> sorted = findings.stream().sorted(ORDER).toList();
        return new FindingsReport(source, sorted, Summary.of(sorted));
    }

    public boolean hasCritical() {
        return summary.critical() > 0;
    }

    @JsonPropertyOrder({"critical", "warning", "info"})
    public record Summary(int critical, int warning, int info) {
        public static Summary of(List<Finding> findings) {
            int c = 0, w = 0, i = 0;
            for (Finding f : findings) {
                switch (f.severity()) {
                    case CRITICAL -> c++;
                    case WARNING -> w++;
                    case INFO -> i++;
                }
            }
            return new Summary(c, w, i);
        }
    }
}
