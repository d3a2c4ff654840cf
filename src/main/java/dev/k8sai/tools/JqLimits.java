package dev.k8sai.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.tools.TextStage.StageException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.PathOutput;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.exception.JsonQueryException;
import net.thisptr.jackson.jq.path.Path;

/**
 * Bounds for the model's jq filters, which are programs: {@code def f: f; f} recurses without end,
 * {@code reduce range(1e15) …} loops for ages, {@code until(false; .)} both. jackson-jq has no limits
 * of its own, so:
 * <ul>
 * <li>each evaluation runs in its own daemon thread with a small stack: deep recursion ends in a
 *     StackOverflowError inside that thread, reported as one line;</li>
 * <li>every built-in function (native or jq-defined) is wrapped to count a step on each call and each
 *     value it emits; past the step budget or the deadline the evaluation is unwound with an error that
 *     jq's {@code try} cannot catch (it only catches JsonQueryException);</li>
 * <li>the caller waits at most the deadline; a filter stuck where no step is counted (a pathological
 *     regex inside one {@code test} call) is abandoned — Java can no longer stop a thread — and while
 *     {@link #MAX_ABANDONED} such threads still run, further jq runs are refused instead of piling up.</li>
 * </ul>
 * {@code env}/{@code $ENV} are replaced by an empty object: the process environment holds API keys.
 */
final class JqLimits {

    static final Duration DEADLINE = Duration.ofSeconds(4);
    static final long MAX_STEPS = 2_000_000L;
    static final long STACK_BYTES = 2L * 1024 * 1024;
    static final int MAX_OUTPUT_CHARS = 16 * 1024 * 1024;
    static final int MAX_ABANDONED = 2;

    private static final ThreadLocal<Budget> BUDGET = new ThreadLocal<>();
    private static final AtomicInteger ABANDONED = new AtomicInteger();

    private JqLimits() {
    }

    /** Unwinds an evaluation that went past a limit; not a JsonQueryException, so jq's try/catch cannot swallow it. */
    static final class LimitExceeded extends RuntimeException {
        LimitExceeded(String message) {
            super(message, null, false, false);
        }
    }

    /** Per-evaluation step counter and deadline, read by the wrapped built-ins of the evaluating thread. */
    static final class Budget {
        private final long deadlineNanos;
        private long steps;
        private long chars;

        Budget(Duration deadline) {
            this.deadlineNanos = System.nanoTime() + deadline.toNanos();
        }

        void step() {
            if (++steps > MAX_STEPS) {
                throw new LimitExceeded("jq: stopped after " + MAX_STEPS + " steps: the filter does too much work (an endless loop or range?)");
            }
            if ((steps & 1023) == 0 && (System.nanoTime() > deadlineNanos || Thread.currentThread().isInterrupted())) {
                throw new LimitExceeded("jq: stopped after " + DEADLINE.toSeconds() + "s: the filter did not finish (an endless loop?)");
            }
        }

        void output(int length) {
            chars += length;
            if (chars > MAX_OUTPUT_CHARS) {
                throw new LimitExceeded("jq: stopped: the output passed " + MAX_OUTPUT_CHARS / (1024 * 1024) + " MiB");
            }
            step();
        }
    }

    /** Replaces every built-in of {@code root} by a step-counting wrapper, and env by an empty object. */
    static void install(Scope root) {
        for (Map.Entry<String, Function> e : Map.copyOf(root.getLocalFunctions()).entrySet()) {
            String key = e.getKey();
            int slash = key.lastIndexOf('/');
            if (slash < 0) {
                continue;
            }
            String name = key.substring(0, slash);
            int arity = Integer.parseInt(key.substring(slash + 1));
            Function inner = name.equals("env") ? emptyObject() : e.getValue();
            root.addFunction(name, arity, counted(inner));
        }
        root.setValue("ENV", root.getObjectMapper().createObjectNode());
    }

    private static Function emptyObject() {
        return (scope, args, in, path, output, version) -> output.emit(scope.getObjectMapper().createObjectNode(), null);
    }

    private static Function counted(Function inner) {
        return (Scope scope, List<Expression> args, JsonNode in, Path path, PathOutput output, Version version) -> {
            Budget budget = BUDGET.get();
            if (budget == null) {
                inner.apply(scope, args, in, path, output, version);
                return;
            }
            budget.step();
            inner.apply(scope, args, in, path, (value, p) -> {
                budget.step();
                output.emit(value, p);
            }, version);
        };
    }

    /** A body that evaluates one filter and may call {@link Budget#output(int)} as results arrive. */
    @FunctionalInterface
    interface Evaluation<T> {
        T run(Budget budget) throws JsonQueryException;
    }

    /** Runs {@code evaluation} on a bounded thread; every limit ends in a {@link StageException} with one line. */
    static <T> T run(Evaluation<T> evaluation) {
        if (ABANDONED.get() >= MAX_ABANDONED) {
            throw new StageException("jq: refused: earlier filters that did not finish are still running; use simpler filters");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Budget budget = new Budget(DEADLINE);
        Thread worker = Thread.ofPlatform().daemon().name("jq-stage").stackSize(STACK_BYTES).unstarted(() -> {
            BUDGET.set(budget);
            try {
                result.complete(evaluation.run(budget));
            } catch (StackOverflowError e) {
                result.completeExceptionally(new StageException("jq: stopped: recursion too deep (an endless recursive def?)"));
            } catch (OutOfMemoryError e) {
                result.completeExceptionally(new StageException("jq: stopped: the filter needs too much memory"));
            } catch (StageException e) {
                result.completeExceptionally(e);
            } catch (LimitExceeded e) {
                result.completeExceptionally(new StageException(e.getMessage()));
            } catch (JsonQueryException e) {
                result.completeExceptionally(new StageException("jq: error: " + JqStage.oneLine(e.getMessage())));
            } catch (RuntimeException e) {
                result.completeExceptionally(new StageException("jq: error: " + JqStage.oneLine(String.valueOf(e.getMessage()))));
            } finally {
                BUDGET.remove();
            }
        });
        worker.start();
        try {
            // a little beyond the deadline: the budget normally stops the filter itself
            return result.get(DEADLINE.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StageException s ? s : new StageException("jq: error: " + JqStage.oneLine(String.valueOf(e.getCause())));
        } catch (TimeoutException e) {
            abandon(worker);
            throw new StageException("jq: stopped after " + DEADLINE.toSeconds() + "s: the filter did not finish");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(worker);
            throw new StageException("jq: interrupted");
        }
    }

    private static void abandon(Thread worker) {
        worker.interrupt();
        ABANDONED.incrementAndGet();
        Thread.ofVirtual().start(() -> {
            try {
                worker.join();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            } finally {
                ABANDONED.decrementAndGet();
            }
        });
    }
}
