package dev.k8sai.analyze;

import dev.k8sai.redact.Redactor;
import dev.k8sai.report.Finding;
import java.util.List;

/**
 * Findings quote what the cluster says (event messages, condition messages, log tails), and reports
 * end up in CI logs and tickets: message, evidence and related detail go through the same
 * {@link Redactor} as everything sent to an LLM, before any output format sees them.
 */
final class ReportRedaction {

    private ReportRedaction() {
    }

    static List<Finding> apply(List<Finding> findings) {
        // side by side (the redactor is stateless; a large report's texts took a tenth of its checks), in order
        return findings.parallelStream().map(ReportRedaction::apply).toList();
    }

    static Finding apply(Finding f) {
        return new Finding(f.analyzer(), f.kind(), f.namespace(), f.name(), f.severity(), f.reason(), redact(f.message()),
                f.parent(), f.evidence().stream().map(ReportRedaction::redact).toList(),
                f.related().stream().map(r -> new Finding.Related(r.reason(), redact(r.message()))).toList(),
                f.explanation(), f.cluster());
    }

    private static String redact(String text) {
        return Redactor.redact(text).text();
    }
}
