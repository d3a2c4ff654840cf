package dev.k8sai.cli.markdown;

import java.util.function.Consumer;

/**
 * Renders a streamed Markdown answer block by block: text is held until a block is complete (a blank
 * line outside a code fence, followed by a line that does not continue the block), then that part is
 * rendered and written. Tables and lists need their whole block to be laid out, so a block appears
 * when it ends rather than character by character; {@link #flush} ends the current block early (the
 * model turned to a tool call), {@link #finish} at the end of the answer.
 */
public final class MarkdownStream {

    private final MarkdownTerminal renderer;
    private final Consumer<String> out;
    private final StringBuilder pending = new StringBuilder();
    /** Where the next unread line of {@code pending} starts. */
    private int scanned;
    /** The fence that opened the code block we are in ("```", "~~~~"…), else null. */
    private String fence;
    /** End of the text up to a blank line, when the next line decides whether it was a block boundary; else -1. */
    private int candidate = -1;
    private boolean wroteBlock;

    public MarkdownStream(MarkdownTerminal renderer, Consumer<String> out) {
        this.renderer = renderer;
        this.out = out;
    }

    public void accept(String text) {
        pending.append(text);
        int newline;
        while ((newline = pending.indexOf("\n", scanned)) >= 0) {
            String line = pending.substring(scanned, newline);
            scanned = newline + 1;
            if (fence == null && candidate >= 0 && !line.isBlank()) {
                // An indented line continues a list item across the blank line; anything else starts a new block.
                if (!line.startsWith(" ") && !line.startsWith("\t")) {
                    render(candidate);
                }
                candidate = -1;
            }
            String trimmed = line.stripLeading();
            boolean fenceLine = line.length() - trimmed.length() <= 3 && (trimmed.startsWith("```") || trimmed.startsWith("~~~"));
            if (fenceLine && fence == null) {
                fence = trimmed.substring(0, runLength(trimmed));
            } else if (fenceLine && trimmed.startsWith(fence) && trimmed.substring(runLength(trimmed)).isBlank()) {
                fence = null;
            } else if (fence == null && line.isBlank() && candidate < 0) {
                candidate = scanned;
            }
        }
        // The first character of the next line already decides: not indented, so a new block has begun.
        if (candidate >= 0 && scanned < pending.length() && !Character.isWhitespace(pending.charAt(scanned))) {
            render(candidate);
            candidate = -1;
        }
    }

    /** Renders whatever is held as complete blocks (an open code fence is closed by the parser). */
    public void flush() {
        candidate = -1;
        fence = null;
        render(pending.length());
    }

    public void finish() {
        flush();
    }

    private void render(int end) {
        String chunk = pending.substring(0, end);
        pending.delete(0, end);
        scanned = Math.max(0, scanned - end);
        if (chunk.isBlank()) {
            return;
        }
        String rendered = renderer.render(chunk);
        if (rendered.isEmpty()) {
            return;
        }
        out.accept((wroteBlock ? "\n" : "") + rendered + "\n");
        wroteBlock = true;
    }

    private static int runLength(String s) {
        int n = 0;
        while (n < s.length() && s.charAt(n) == s.charAt(0)) {
            n++;
        }
        return n;
    }
}
