package dev.k8sai.redact;

import java.util.function.Consumer;

/** Counts the replacements of one redaction and hands every replaced value to the run's ledger (if any). */
final class Hits {

    private final Consumer<String> seen;
    private int count;

    Hits(Consumer<String> seen) {
        this.seen = seen;
    }

    /** Records {@code value} as a secret and returns the placeholder that replaces it. */
    String hit(String placeholder, String value) {
        count++;
        if (seen != null && value != null) {
            String v = value.strip();
            boolean quoted = v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0);
            seen.accept(quoted ? v.substring(1, v.length() - 1) : v);
        }
        return placeholder;
    }

    void add(int n) {
        count += n;
    }

    Consumer<String> seen() {
        return seen;
    }

    int count() {
        return count;
    }
}
