package dev.k8sai.generate;

import java.util.regex.Pattern;

/**
 * Removes reasoning models' {@code <think>…</think>} text before YAML is looked for.
 * TODO(dedup): a minimal private copy of the shared dev.k8sai.llm.output.ThinkBlocks being written elsewhere;
 * replace with that class once it is merged.
 */
final class ThinkBlocks {

    private static final Pattern CLOSED = Pattern.compile("(?is)<think>.*?</think>");
    // An unterminated block (reply cut off, or the model never closed it) hides everything after it.
    private static final Pattern OPEN = Pattern.compile("(?is)<think>.*\\z");
    // Some servers strip the opening tag and only a dangling closing tag remains: drop what precedes it.
    private static final Pattern DANGLING_CLOSE = Pattern.compile("(?is)\\A.*?</think>");

    private ThinkBlocks() {
    }

    static String strip(String text) {
        if (text == null) {
            return "";
        }
        String s = CLOSED.matcher(text).replaceAll("");
        s = OPEN.matcher(s).replaceAll("");
        s = DANGLING_CLOSE.matcher(s).replaceAll("");
        return s;
    }
}
