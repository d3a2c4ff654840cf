package dev.k8sai.llm.output;

import java.util.Locale;

/**
 * Separates reasoning-model "thinking" from the visible answer.
 * Handles {@code <think>…</think>} and {@code <thinking>…</thinking>} (any case, several blocks),
 * an unterminated opening tag (the reply was cut off while thinking: everything after it is thinking),
 * and a leading stray {@code </think>} (DeepSeek-R1 chat templates put the opening tag in the prompt,
 * so the reply starts inside the block: everything before the first closing tag is thinking).
 */
public final class ThinkBlocks {

    /** Thinking text (blocks joined by a blank line, trimmed; empty if none) and the visible rest (trimmed). */
    public record Split(String thinking, String visible) {
        public boolean hasThinking() {
            return !thinking.isEmpty();
        }
    }

    private static final String[] NAMES = {"thinking", "think"};

    private ThinkBlocks() {
    }

    public static Split split(String text) {
        if (text == null || text.isEmpty()) {
            return new Split("", "");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder thinking = new StringBuilder();
        StringBuilder visible = new StringBuilder();
        int pos = 0;

        // Stray closing tag before any opening tag: the template already opened the block.
        int firstOpen = indexOfOpen(lower, 0)[0];
        int[] firstClose = indexOfClose(lower, 0);
        if (firstClose[0] >= 0 && (firstOpen < 0 || firstClose[0] < firstOpen)) {
            append(thinking, text.substring(0, firstClose[0]));
            pos = firstClose[0] + firstClose[1];
        }
        while (pos < text.length()) {
            int[] open = indexOfOpen(lower, pos);
            if (open[0] < 0) {
                visible.append(text, pos, text.length());
                break;
            }
            visible.append(text, pos, open[0]);
            int bodyStart = open[0] + open[1];
            int[] close = indexOfClose(lower, bodyStart);
            if (close[0] < 0) {
                append(thinking, text.substring(bodyStart));
                break;
            }
            append(thinking, text.substring(bodyStart, close[0]));
            pos = close[0] + close[1];
        }
        return new Split(thinking.toString().trim(), visible.toString().trim());
    }

    private static void append(StringBuilder sb, String part) {
        String t = part.trim();
        if (t.isEmpty()) {
            return;
        }
        if (!sb.isEmpty()) {
            sb.append("\n\n");
        }
        sb.append(t);
    }

    /** {index, tagLength} of the earliest opening tag at or after from, or {-1, 0}. */
    private static int[] indexOfOpen(String lower, int from) {
        return earliest(lower, from, "<");
    }

    private static int[] indexOfClose(String lower, int from) {
        return earliest(lower, from, "</");
    }

    private static int[] earliest(String lower, int from, String prefix) {
        int best = -1;
        int len = 0;
        for (String name : NAMES) {
            String tag = prefix + name + ">";
            int i = lower.indexOf(tag, from);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
                len = tag.length();
            }
        }
        return new int[] {best, len};
    }
}
