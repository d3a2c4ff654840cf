package dev.k8sai.llm;

/**
 * A command's token budget (--max-tokens: input + output over all its LLM calls), next to the
 * {@link UsageMeter} that reports them. Every round trip is {@linkplain #charge charged} the same way
 * — the provider's count, or an estimate when it reports none (many compatible servers do not) — and
 * callers ask {@link #exhausted()} before starting another round. It is no per-reply limit: a budget
 * like 60000 as max_tokens makes providers answer 400.
 */
public final class TokenBudget {

    private final int max;
    private TokenUsage spent = TokenUsage.NONE;

    /** {@code max} 0 or less: no budget. */
    public TokenBudget(int max) {
        this.max = max;
    }

    public static TokenBudget of(Integer max) {
        return new TokenBudget(max == null ? 0 : max);
    }

    public int max() {
        return max;
    }

    public synchronized TokenUsage spent() {
        return spent;
    }

    /** Whether no further call should start: the budget is set and spent. */
    public synchronized boolean exhausted() {
        return max > 0 && spent.total() >= max;
    }

    /** What one round trip cost: the provider's count, else an estimate from the request and reply text. */
    public static TokenUsage costOf(String model, LlmRequest request, LlmResponse response) {
        if (response.usage().total() > 0) {
            return response.usage();
        }
        TokenCounter counter = TokenCounter.forModel(model);
        return TokenUsage.estimate(counter.count(request), counter.count(response.text()));
    }

    /** Charges one round trip (see {@link #costOf}) and returns what it cost. */
    public synchronized TokenUsage charge(String model, LlmRequest request, LlmResponse response) {
        TokenUsage cost = costOf(model, request, response);
        spent = spent.plus(cost);
        return cost;
    }
}
