package dev.k8sai.explain;

import dev.k8sai.llm.TokenUsage;
import dev.k8sai.report.Finding;
import java.util.List;

/** Findings with explanations filled in, and what it cost. */
public record ExplainResult(List<Finding> findings, int cacheHits, int requests, TokenUsage usage, int redactions) {

    public ExplainResult {
        findings = List.copyOf(findings);
    }
}
