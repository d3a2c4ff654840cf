package dev.k8sai.explain;

import dev.k8sai.llm.TokenUsage;
import dev.k8sai.report.Finding;
import java.util.List;

/** Findings with explanations filled in, what it cost, and why it stopped early (null when it did not). */
public record ExplainResult(List<Finding> findings, int cacheHits, int requests, TokenUsage usage, int redactions,
                            String note) {

    public ExplainResult {
        findings = List.copyOf(findings);
    }

    public ExplainResult(List<Finding> findings, int cacheHits, int requests, TokenUsage usage, int redactions) {
        this(findings, cacheHits, requests, usage, redactions, null);
    }
}
