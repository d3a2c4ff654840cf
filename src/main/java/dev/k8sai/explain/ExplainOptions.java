package dev.k8sai.explain;

/**
 * How --explain runs: answer language, whether the disk cache is used, whether object names are
 * masked (--anonymize), and how many findings share one request (batching saves the repeated
 * instructions' tokens).
 */
public record ExplainOptions(String language, boolean useCache, boolean anonymize, int batchSize) {

    public static final int DEFAULT_BATCH = 8;

    public ExplainOptions {
        language = language == null || language.isBlank() ? "en" : language;
        batchSize = batchSize < 1 ? DEFAULT_BATCH : batchSize;
    }
}
