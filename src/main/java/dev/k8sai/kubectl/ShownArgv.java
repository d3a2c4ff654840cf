package dev.k8sai.kubectl;

import java.util.List;

/**
 * Text shown to a person at the confirmation prompt, built so that what they read is what runs:
 * every argument is quoted unambiguously, and control characters (ESC, CR, backspace, other C0/C1),
 * bidi overrides and other invisible format characters are written as {@code \}{@code uXXXX} escapes
 * instead of being sent to the terminal, where they could move the cursor or rewrite the line.
 */
public final class ShownArgv {

    private ShownArgv() { }

    /**
     * One argv as a shell would need it: plain words bare, others in single quotes, and any argument
     * holding a character that must be escaped in ANSI-C quotes ({@code $'…'}, where {@code \\} and
     * {@code \'} are escaped too), so an argument that merely contains the text "\u001b" stays distinct.
     */
    public static String of(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(quote(a));
        }
        return sb.toString();
    }

    static String quote(String a) {
        if (!a.isEmpty() && a.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "-_./=:,@%+".indexOf(c) >= 0))) {
            return a;
        }
        if (a.codePoints().noneMatch(ShownArgv::mustEscape)) {
            return "'" + a.replace("'", "'\\''") + "'";
        }
        StringBuilder sb = new StringBuilder("$'");
        a.codePoints().forEach(cp -> {
            if (cp == '\\' || cp == '\'') {
                sb.append('\\').appendCodePoint(cp);
            } else if (mustEscape(cp)) {
                escape(sb, cp);
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.append('\'').toString();
    }

    /**
     * Free text for the prompt (a reason, a description of local code): control and format characters
     * escaped; with {@code keepLines} newlines and tabs stay, so multi-line code remains readable.
     */
    public static String visible(String text, boolean keepLines) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (keepLines && (cp == '\n' || cp == '\t')) {
                sb.appendCodePoint(cp);
            } else if (mustEscape(cp)) {
                escape(sb, cp);
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    /** C0/C1 controls and DEL, format characters (bidi overrides and isolates, zero-width), line/paragraph separators, unpaired surrogates, unassigned. */
    static boolean mustEscape(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    private static void escape(StringBuilder sb, int cp) {
        if (cp > 0xFFFF) {
            sb.append(String.format("\\U%08x", cp));
        } else {
            sb.append(String.format("\\u%04x", cp));
        }
    }
}
