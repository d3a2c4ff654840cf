package dev.k8sai.cli;

import dev.k8sai.llm.output.ThinkStreamSplitter;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Prints a streamed model reply as it arrives, hiding {@code <think>…</think>} blocks — or showing
 * them dimmed with --show-thinking. The tag handling across chunk boundaries is {@link ThinkStreamSplitter}'s.
 */
public final class StreamingAnswerPrinter implements Consumer<String> {

    private static final String DIM = "\u001b[2m";
    private static final String RESET = "\u001b[0m";

    private final PrintWriter out;
    private final boolean color;
    private final ThinkStreamSplitter splitter;
    private boolean printedAny;
    private boolean dimmed;
    private boolean atLineStart = true;

    public StreamingAnswerPrinter(PrintWriter out, boolean showThinking, boolean color) {
        this.out = out;
        this.color = color;
        this.splitter = new ThinkStreamSplitter(showThinking ? t -> print(t, true) : t -> { }, v -> print(v, false));
    }

    @Override
    public void accept(String fragment) {
        splitter.accept(fragment);
    }

    /** Flushes what is held back; call once after the stream ends. */
    public void finish() {
        splitter.finish();
        if (dimmed) {
            out.print(RESET);
            dimmed = false;
        }
        endLine();
    }

    /** Ends the current line if text was printed on it, so that a note printed next starts on its own line. */
    public void endLine() {
        if (printedAny && !atLineStart) {
            out.println();
            atLineStart = true;
        }
        out.flush();
    }

    /** Whether any visible or thinking text was printed. */
    public boolean printed() {
        return printedAny;
    }

    private void print(String text, boolean thinking) {
        if (!printedAny) {
            text = text.stripLeading();
        }
        if (text.isEmpty()) {
            return;
        }
        if (color && thinking != dimmed) {
            out.print(thinking ? DIM : RESET);
            dimmed = thinking;
        }
        out.print(TerminalText.shown(text));
        out.flush();
        printedAny = true;
        atLineStart = text.endsWith("\n");
    }
}
