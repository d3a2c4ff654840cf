package dev.k8sai.llm;

/** Tokens of one or more round trips. */
public record TokenUsage(int input, int output) {

    public static final TokenUsage NONE = new TokenUsage(0, 0);

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(input + other.input, output + other.output);
    }

    public int total() {
        return input + output;
    }
}
