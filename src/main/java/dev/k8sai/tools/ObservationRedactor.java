package dev.k8sai.tools;

/**
 * Removes secrets from text before it goes to a model. Implemented by the redaction package
 * ({@code dev.k8sai.redact.Redactor}); declared here so the tools do not depend on it directly.
 */
@FunctionalInterface
public interface ObservationRedactor {

    String redact(String text);

    /** For tests and benchmarks only: passes text through unchanged. */
    static ObservationRedactor identity() {
        return text -> text;
    }
}
