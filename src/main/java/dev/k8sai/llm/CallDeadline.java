package dev.k8sai.llm;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One round trip's bounds, shared by {@link LangChainLlmClient} (which opens and ends it) and
 * {@link ProviderHttpClient} (which enforces it): a total deadline covering the whole reply — an HTTP
 * read timeout only covers the wait for the next bytes, so keep-alive comments or a trickling stream
 * would extend it forever — and a client-side stop once the streamed output exceeds its limit.
 * A call belongs to the thread that opened it (the HTTP client streams on the calling thread).
 */
final class CallDeadline {

    /** Why a stream was cut by the client. */
    enum Stop { DEADLINE, OUTPUT_LIMIT }

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "llm-deadline");
        t.setDaemon(true);
        return t;
    });

    private final ThreadLocal<Call> current = new ThreadLocal<>();

    Call open(Duration total) {
        Call call = new Call(total);
        current.set(call);
        return call;
    }

    void close() {
        Call call = current.get();
        if (call != null) {
            call.cancelWatch();
        }
        current.remove();
    }

    /** The call of this thread, or null outside one (e.g. a client used without this wrapper). */
    Call current() {
        return current.get();
    }

    static final class Call {
        private final Duration total;
        private final long deadlineNanos;
        private volatile Stop stop;
        private volatile ScheduledFuture<?> watch;

        private Call(Duration total) {
            this.total = total;
            this.deadlineNanos = System.nanoTime() + total.toNanos();
        }

        Duration total() {
            return total;
        }

        /** Time left; at least 1 ms so a timeout of zero never means "no timeout". */
        Duration remaining() {
            return Duration.ofNanos(Math.max(1_000_000L, deadlineNanos - System.nanoTime()));
        }

        Stop stopped() {
            return stop;
        }

        /** Cuts the stream at its next read (the output limit was reached). */
        void stop(Stop why) {
            if (stop == null) {
                stop = why;
            }
        }

        /**
         * The response body, closed when the deadline passes so that a blocked read ends, and failing
         * every read after {@link #stop}.
         */
        InputStream guard(InputStream in) {
            long delay = deadlineNanos - System.nanoTime();
            watch = TIMER.schedule(() -> {
                stop(Stop.DEADLINE);
                closeQuietly(in);
            }, Math.max(0, delay), TimeUnit.NANOSECONDS);
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    check();
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    check();
                    return in.read(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }

        private void check() throws IOException {
            if (stop != null || System.nanoTime() - deadlineNanos > 0) {
                stop(Stop.DEADLINE);
                throw new IOException("stream stopped by the client: " + stop);
            }
        }

        private void cancelWatch() {
            ScheduledFuture<?> w = watch;
            if (w != null) {
                w.cancel(false);
            }
        }

        private static void closeQuietly(Closeable c) {
            try {
                c.close();
            } catch (IOException | RuntimeException ignored) {
                // the reader sees the stream end either way
            }
        }
    }
}
