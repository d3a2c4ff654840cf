package dev.k8sai.tools;

/**
 * Knobs of the {@link ObservationCompactor}. {@code enabled=false} turns off every content change
 * (noise removal, list tables, head/tail) so a benchmark can compare token counts; redaction and the
 * hard {@code maxChars} cap still apply because they protect secrets and the context window.
 *
 * @param listTableThreshold a kubectl JSON List with more items than this becomes a table
 * @param maxLines text with more lines than this keeps {@code headLines} + {@code tailLines}
 * @param maxChars hard cap on the observation, in characters (~4 characters per token)
 */
public record CompactionSettings(boolean enabled, int listTableThreshold, int maxLines, int headLines, int tailLines, int maxChars) {

    public static final CompactionSettings DEFAULT = new CompactionSettings(true, 20, 80, 50, 20, 24_000);

    public CompactionSettings {
        if (listTableThreshold < 0 || headLines < 0 || tailLines < 0 || maxLines < headLines + tailLines || maxChars < 200) {
            throw new IllegalArgumentException("inconsistent compaction settings");
        }
    }

    public CompactionSettings withEnabled(boolean on) {
        return new CompactionSettings(on, listTableThreshold, maxLines, headLines, tailLines, maxChars);
    }

    public CompactionSettings withMaxChars(int chars) {
        return new CompactionSettings(enabled, listTableThreshold, maxLines, headLines, tailLines, chars);
    }
}
