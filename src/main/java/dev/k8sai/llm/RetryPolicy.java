package dev.k8sai.llm;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how long to wait before retrying a 429, 5xx or timeout. LangChain4j's own retries are
 * switched off (maxRetries 0) because they ignore {@code Retry-After} and cannot be made to wait
 * without really sleeping in tests.
 *
 * @param maxRetries    retries after the first attempt (0 = one attempt)
 * @param initialDelay  first backoff; doubles per retry, with "equal jitter" (half fixed, half random)
 * @param maxDelay      cap for the computed backoff
 * @param maxRetryAfter cap for a server's {@code Retry-After}, so a bad header cannot stall the CLI
 * @param sleeper       how to wait; tests pass a recording sleeper
 */
public record RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter, Sleeper sleeper) {

    /** Waits; injectable so tests see the delays without spending them. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper REAL = d -> Thread.sleep(d);
    }

    public RetryPolicy {
        maxRetries = Math.max(0, maxRetries);
        sleeper = sleeper == null ? Sleeper.REAL : sleeper;
    }

    public static RetryPolicy standard(int maxRetries, Sleeper sleeper) {
        return new RetryPolicy(maxRetries, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(60), sleeper);
    }

    /** Delay before retry number {@code retry} (1-based); a server-given Retry-After wins, capped. */
    Duration delay(int retry, Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isNegative()) {
            return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        }
        long base = initialDelay.toMillis() << Math.min(20, retry - 1);
        long capped = Math.min(base, maxDelay.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    void sleep(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException(LlmException.Kind.TIMEOUT, "interrupted while waiting to retry", null, e);
        }
    }
}
