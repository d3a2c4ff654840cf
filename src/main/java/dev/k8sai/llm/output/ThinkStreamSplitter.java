package dev.k8sai.llm.output;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Streaming counterpart of {@link ThinkBlocks}: routes streamed chunks to a thinking sink (shown dimmed with
 * --show-thinking, or dropped) and a visible sink as they arrive. Tags split across chunks are handled by holding
 * back a possible partial tag. Until the first non-blank text shows whether the reply starts with a tag, nothing
 * is emitted.
 * <p>
 * Limitation: a reply that starts inside thinking without an opening tag (DeepSeek-R1 templates) cannot be
 * recognised while streaming, so that thinking reaches the visible sink (the stray closing tag itself is dropped);
 * {@link #finish()} returns the exact
 * split of the whole text ({@link ThinkBlocks#split}), which callers should use for the final answer.
 * Not thread-safe.
 */
public final class ThinkStreamSplitter {

    private static final String[] OPEN = {"<think>", "<thinking>"};
    private static final String[] CLOSE = {"</think>", "</thinking>"};
    /** Outside thinking a stray closing tag is dropped rather than shown. */
    private static final String[] OPEN_OR_CLOSE = {"<think>", "<thinking>", "</think>", "</thinking>"};
    private static final int LONGEST_TAG = "</thinking>".length();

    private final Consumer<String> thinkingSink;
    private final Consumer<String> visibleSink;
    private final StringBuilder all = new StringBuilder();
    private final StringBuilder pending = new StringBuilder();
    private boolean inThinking;

    public ThinkStreamSplitter(Consumer<String> thinkingSink, Consumer<String> visibleSink) {
        this.thinkingSink = thinkingSink;
        this.visibleSink = visibleSink;
    }

    public void accept(String chunk) {
        if (chunk == null || chunk.isEmpty()) {
            return;
        }
        all.append(chunk);
        pending.append(chunk);
        drain(false);
    }

    /** Flushes what is held back and returns the exact split of everything received. */
    public ThinkBlocks.Split finish() {
        drain(true);
        return ThinkBlocks.split(all.toString());
    }

    private void drain(boolean end) {
        while (!pending.isEmpty()) {
            String lower = pending.toString().toLowerCase(Locale.ROOT);
            String[] tags = inThinking ? CLOSE : OPEN_OR_CLOSE;
            int[] tag = earliest(lower, tags);
            if (tag[0] >= 0) {
                emit(pending.substring(0, tag[0]));
                boolean closing = lower.startsWith("</", tag[0]);
                pending.delete(0, tag[0] + tag[1]);
                if (inThinking || !closing) {
                    inThinking = !inThinking;
                }
                continue;
            }
            // hold back a suffix that could be the start of a tag
            int keep = end ? 0 : partialTagSuffix(lower, tags);
            if (!end && !inThinking && all.toString().isBlank()) {
                return; // nothing but whitespace so far
            }
            int upTo = pending.length() - keep;
            if (upTo > 0) {
                emit(pending.substring(0, upTo));
                pending.delete(0, upTo);
            }
            return;
        }
    }

    private void emit(String text) {
        if (!text.isEmpty()) {
            (inThinking ? thinkingSink : visibleSink).accept(text);
        }
    }

    private static int[] earliest(String lower, String[] tags) {
        int best = -1;
        int len = 0;
        for (String t : tags) {
            int i = lower.indexOf(t);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
                len = t.length();
            }
        }
        return new int[] {best, len};
    }

    /** Length of the longest suffix of s that is a proper prefix of one of the tags. */
    private static int partialTagSuffix(String s, String[] tags) {
        int max = Math.min(s.length(), LONGEST_TAG - 1);
        for (int k = max; k > 0; k--) {
            String suffix = s.substring(s.length() - k);
            for (String t : tags) {
                if (t.startsWith(suffix) && t.length() > k) {
                    return k;
                }
            }
        }
        return 0;
    }
}
