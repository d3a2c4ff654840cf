package dev.k8sai.app;

/** --explain for analyze and audit: reuse cached answers, mask object names before sending. */
public record ExplainRequest(boolean useCache, boolean anonymize) {
}
