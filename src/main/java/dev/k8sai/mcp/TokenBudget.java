package dev.k8sai.mcp;

/**
 * The model tokens the caller of a tool may still spend. Behind serve's /mcp it is the user's daily
 * budget, shared with runs, explain and generate; the stdio server's one client is the person who
 * started it, with no budget.
 */
public interface TokenBudget {

    /** No limit and nothing counted: {@code k8s-ai-agent mcp}. */
    TokenBudget NONE = new TokenBudget() {
        @Override
        public Integer cap() {
            return null;
        }

        @Override
        public void charge(long tokens) {
        }
    };

    /**
     * The most tokens the next model call may use (null: no cap); {@link Spent} when nothing is left,
     * which a tool asks before any model call.
     */
    Integer cap();

    /** Counts what the model calls of a tool used. */
    void charge(long tokens);

    /** Nothing is left: the tool call fails with this message, as a REST request gets 429 with it. */
    final class Spent extends RuntimeException {
        public Spent(String message) {
            super(message);
        }
    }
}
