package dev.k8sai.cli.markdown;

import java.util.regex.Pattern;

/**
 * The ANSI styles of rendered Markdown, or none (--no-color, NO_COLOR): the layout — bullets, indents,
 * aligned tables — stays either way. Each style is switched off with its own code (not a full reset)
 * so that nested styles (bold inside a heading) survive.
 */
record Style(boolean color) {

    private static final Pattern SGR = Pattern.compile("\u001b\\[[0-9;]*m");

    String bold(String s) {
        return wrap(s, "1", "22");
    }

    String italic(String s) {
        return wrap(s, "3", "23");
    }

    String underline(String s) {
        return wrap(s, "4", "24");
    }

    String dim(String s) {
        return wrap(s, "2", "22");
    }

    String code(String s) {
        return wrap(s, "36", "39");
    }

    private String wrap(String s, String on, String off) {
        return color && !s.isEmpty() ? "\u001b[" + on + "m" + s + "\u001b[" + off + "m" : s;
    }

    /**
     * Columns {@code s} takes on a terminal: our own SGR codes take none (the model's ESC never gets here:
     * it was escaped to visible text first), East Asian wide characters take two.
     */
    static int width(String s) {
        String plain = SGR.matcher(s).replaceAll("");
        return plain.codePoints().map(cp -> wide(cp) ? 2 : Character.getType(cp) == Character.NON_SPACING_MARK ? 0 : 1).sum();
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
