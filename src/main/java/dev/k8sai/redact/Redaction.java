package dev.k8sai.redact;

/** Redacted text and how many secrets were replaced. */
public record Redaction(String text, int count) {
}
