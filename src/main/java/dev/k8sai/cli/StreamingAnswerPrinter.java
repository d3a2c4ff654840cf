package dev.k8sai.cli;

import dev.k8sai.cli.markdown.MarkdownStream;
import dev.k8sai.cli.markdown.MarkdownTerminal;
import dev.k8sai.llm.output.ThinkStreamSplitter;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Prints a streamed model reply as it arrives, hiding {@code <think>…</think>} blocks — or showing
 * them dimmed with --show-thinking. The tag handling across chunk boundaries is {@link ThinkStreamSplitter}'s.
 * With {@code markdown} (stdout is a terminal) the visible text is rendered block by block
 * ({@link MarkdownStream}); otherwise it is written as it came, escaped.
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
    /** Null: plain text. */
    private final MarkdownStream markdown;
    /** Runs before anything is written (stops a spinner drawn on the same terminal). */
    private Runnable beforeOutput = () -> { };

    public StreamingAnswerPrinter(PrintWriter out, boolean showThinking, boolean color) {
        this(out, showThinking, color, false);
    }

    public StreamingAnswerPrinter(PrintWriter out, boolean showThinking, boolean color, boolean markdown) {
        this.out = out;
        this.color = color;
        this.markdown = markdown ? new MarkdownStream(new MarkdownTerminal(color), this::printRendered) : null;
        this.splitter = new ThinkStreamSplitter(showThinking ? t -> print(t, true) : t -> { },
                markdown ? this::renderVisible : v -> print(v, false));
    }

    @Override
    public void accept(String fragment) {
        splitter.accept(fragment);
    }

    /** Flushes what is held back; call once after the stream ends. */
    public void finish() {
        splitter.finish();
        if (markdown != null) {
            markdown.finish();
        }
        if (dimmed) {
            out.print(RESET);
            dimmed = false;
        }
        endLine();
    }

    /** Ends the current line if text was printed on it, so that a note printed next starts on its own line. */
    public void endLine() {
        if (markdown != null) {
            markdown.flush();
        }
        if (printedAny && !atLineStart) {
            out.println();
            atLineStart = true;
        }
        out.flush();
    }

    public StreamingAnswerPrinter beforeOutput(Runnable hook) {
        this.beforeOutput = hook;
        return this;
    }

    /** Whether the answer is rendered as Markdown (it then appears block by block). */
    public boolean rendersMarkdown() {
        return markdown != null;
    }

    /** Whether printed text ends mid-line (a spinner drawn now would overwrite it). */
    public boolean midLine() {
        return printedAny && !atLineStart;
    }

    /** Whether any visible or thinking text was printed. */
    public boolean printed() {
        return printedAny;
    }

    private void renderVisible(String text) {
        if (dimmed) {
            out.print(RESET);
            dimmed = false;
        }
        markdown.accept(text);
    }

    /** Rendered Markdown: already escaped by the renderer, ends with a newline. */
    private void printRendered(String rendered) {
        beforeOutput.run();
        if (!atLineStart) {
            out.println();
        }
        out.print(rendered);
        out.flush();
        printedAny = true;
        atLineStart = rendered.endsWith("\n");
    }

    private void print(String text, boolean thinking) {
        if (!printedAny) {
            text = text.stripLeading();
        }
        if (text.isEmpty()) {
            return;
        }
        beforeOutput.run();
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
