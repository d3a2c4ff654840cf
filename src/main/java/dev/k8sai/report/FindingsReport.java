package dev.k8sai.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The document `analyze -o json` and `audit -o json` print (shared/spec/findings.md). */
@JsonPropertyOrder({"source", "findings", "summary"})
public record FindingsReport(String source, List<Finding> findings, Summary summary) {

    /** Severity first, then object, then reason: stable output whatever order checks ran in. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing(Finding::severity)
            .thenComparing(f -> f.cluster() == null ? "" : f.cluster())
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
        return of(source, findings, List.of());
    }

    /** Sorts the findings and computes the summary, with the references that could not be judged. */
    public static FindingsReport of(String source, List<Finding> findings, List<NotChecked> notChecked) {
        List<Finding> sorted = findings.stream().sorted(ORDER).toList();
        return new FindingsReport(source, sorted, Summary.of(sorted, notChecked));
    }

    /** The same report (source, not-checked counts) over other findings, e.g. explained ones. */
    public FindingsReport withFindings(List<Finding> newFindings) {
        return of(source, newFindings, summary.notChecked());
    }

    public boolean hasCritical() {
        return summary.critical() > 0;
    }

    /**
     * References of {@code kind} in {@code namespace} (null: cluster-scoped) that no check could
     * judge, and why ("not in the snapshot", "forbidden", …): silence there is not health.
     */
    @JsonPropertyOrder({"kind", "namespace", "references", "why"})
    public record NotChecked(String kind, String namespace, int references, String why) {
        public NotChecked {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(why, "why");
        }
    }

    @JsonPropertyOrder({"critical", "warning", "info", "notChecked"})
    public record Summary(int critical, int warning, int info,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<NotChecked> notChecked) {

        public Summary {
            notChecked = notChecked == null ? List.of() : List.copyOf(notChecked);
        }

        public Summary(int critical, int warning, int info) {
            this(critical, warning, info, List.of());
        }

        public static Summary of(List<Finding> findings) {
            return of(findings, List.of());
        }

        public static Summary of(List<Finding> findings, List<NotChecked> notChecked) {
            int c = 0, w = 0, i = 0;
            for (Finding f : findings) {
                switch (f.severity()) {
                    case CRITICAL -> c++;
                    case WARNING -> w++;
                    case INFO -> i++;
                }
            }
            return new Summary(c, w, i, notChecked);
        }
    }
}
