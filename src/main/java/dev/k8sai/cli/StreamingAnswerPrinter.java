package dev.k8sai.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Prints a streamed model reply as it arrives, hiding {@code <think>…</think>} blocks — or showing
 * them dimmed with --show-thinking. Tags may be split across fragments, so a possible tag start at
 * the end of a fragment is held back until the next one decides it.
 */
public final class StreamingAnswerPrinter implements Consumer<String> {

    private static final String DIM = "\u001b[2m";
    private static final String RESET = "\u001b[0m";
    private static final String[] OPEN = {"<think>", "<thinking>"};
    private static final String[] CLOSE = {"</think>", "</thinking>"};

    private final PrintStream out;
    private final boolean showThinking;
    private final boolean color;
    private final StringBuilder pending = new StringBuilder();
    private boolean inThink;
    private boolean printedAny;

    public StreamingAnswerPrinter(PrintStream out, boolean showThinking, boolean color) {
        this.out = out;
        this.showThinking = showThinking;
        this.color = color;
    }

    @Override
    public void accept(String fragment) {
        pending.append(fragment);
        drain(false);
    }

    /** Flushes what is held back; call once after the stream ends. */
    public void finish() {
        drain(true);
        if (inThink && showThinking && color) {
            out.print(RESET);
        }
        if (printedAny) {
            out.println();
        }
        out.flush();
    }

    private void drain(boolean end) {
        while (!pending.isEmpty()) {
            String lower = pending.toString().toLowerCase(Locale.ROOT);
            String[] tags = inThink ? CLOSE : OPEN;
            int at = -1;
            int len = 0;
            for (String tag : tags) {
                int i = lower.indexOf(tag);
                if (i >= 0 && (at < 0 || i < at)) {
                    at = i;
                    len = tag.length();
                }
            }
            if (at >= 0) {
                emit(pending.substring(0, at));
                pending.delete(0, at + len);
                toggle();
                continue;
            }
            int keep = end ? 0 : partialTagSuffix(lower, tags);
            emit(pending.substring(0, pending.length() - keep));
            pending.delete(0, pending.length() - keep);
            return;
        }
    }

    private void toggle() {
        inThink = !inThink;
        if (showThinking && color) {
            out.print(inThink ? DIM : RESET);
        }
    }

    private void emit(String text) {
        if (text.isEmpty() || (inThink && !showThinking)) {
            return;
        }
        if (!printedAny) {
            text = text.stripLeading();
            if (text.isEmpty()) {
                return;
            }
        }
        out.print(text);
        out.flush();
        printedAny = true;
    }

    /** Length of the longest suffix that is a proper prefix of one of the tags. */
    private static int partialTagSuffix(String lower, String[] tags) {
        int best = 0;
        for (String tag : tags) {
            for (int n = Math.min(tag.length() - 1, lower.length()); n > best; n--) {
                if (lower.endsWith(tag.substring(0, n))) {
                    best = n;
                    break;
                }
            }
        }
        return best;
    }
}
