package dev.k8sai.llm;

/**
 * Tokens of one or more round trips. {@code estimated}: at least one count is our own estimate because the
 * server reported none (llama.cpp-style servers send no usage when streaming) — shown as such to users.
 */
public record TokenUsage(int input, int output, boolean estimated) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, false);

    /** Counts reported by the provider. */
    public TokenUsage(int input, int output) {
        this(input, output, false);
    }

    /** Counts we estimated ourselves. */
    public static TokenUsage estimate(int input, int output) {
        return new TokenUsage(input, output, true);
    }

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(input + other.input, output + other.output, estimated || other.estimated);
    }

    /** What was spent since {@code before} (a running total minus an earlier snapshot of it). */
    public TokenUsage since(TokenUsage before) {
        return new TokenUsage(input - before.input, output - before.output, estimated);
    }

    public int total() {
        return input + output;
    }

    /** "tokens in/out: 1200/150", with "(estimated …)" when the server reported none. */
    public String summary() {
        return "tokens in/out: " + inOut() + (estimated ? " (estimated: the server reported no usage)" : "");
    }

    /** "1200/150" or "~1200/~150" when estimated. */
    public String inOut() {
        String mark = estimated ? "~" : "";
        return mark + input + "/" + mark + output;
    }
}
