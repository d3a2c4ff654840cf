package dev.k8sai.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program from an argument list (never through a shell), with stdin closed, a
 * timeout and bounded capture of stdout and stderr.
 */
public final class ProcessRunner {

    /** Result of one run; {@code *Truncated} means more bytes were produced than were kept. */
    public record Result(int exitCode, String stdout, boolean stdoutTruncated, long stdoutBytes,
                         String stderr, boolean stderrTruncated, boolean timedOut) { }

    private static final java.util.concurrent.Executor VIRTUAL = task -> Thread.ofVirtual().name("process-output").start(task);

    private ProcessRunner() { }

    public static Result run(List<String> command, Duration timeout, int maxStdoutBytes, int maxStderrBytes, String stdin) throws IOException {
        return run(command, Map.of(), timeout, maxStdoutBytes, maxStderrBytes, stdin);
    }

    /** As above, with {@code environment} entries added to (or replacing those of) this process's environment. */
    public static Result run(List<String> command, Map<String, String> environment, Duration timeout, int maxStdoutBytes,
                             int maxStderrBytes, String stdin) throws IOException {
        return run(command, environment, timeout, maxStdoutBytes, maxStderrBytes, stdin, dev.k8sai.CancellationToken.NONE);
    }

    /** As above; cancelling {@code cancellation} ends the process (and its children) at once. */
    public static Result run(List<String> command, Map<String, String> environment, Duration timeout, int maxStdoutBytes,
                             int maxStderrBytes, String stdin, dev.k8sai.CancellationToken cancellation) throws IOException {
        cancellation.throwIfCancelled();
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        Process p = pb.start();
        try (var ended = cancellation.onCancel(() -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        })) {
            return await(p, command, timeout, maxStdoutBytes, maxStderrBytes, stdin);
        }
    }

    private static Result await(Process p, List<String> command, Duration timeout, int maxStdoutBytes, int maxStderrBytes,
                                String stdin) throws IOException {
        // One dedicated (virtual) thread per stream: both pipes must drain concurrently, never queued
        // behind other work in a shared pool, or the child blocks on a full pipe.
        CompletableFuture<Captured> out = CompletableFuture.supplyAsync(() -> capture(p.getInputStream(), maxStdoutBytes), VIRTUAL);
        CompletableFuture<Captured> err = CompletableFuture.supplyAsync(() -> capture(p.getErrorStream(), maxStderrBytes), VIRTUAL);
        try (var in = p.getOutputStream()) {
            // stdin is closed at once (or after the given input) so interactive commands end instead of waiting
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // the program may exit without reading its input
        }
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + Path.of(command.getFirst()).getFileName());
        }
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        Captured o = out.join();
        Captured e = err.join();
        return new Result(finished ? p.exitValue() : -1, o.text(), o.truncated(), o.total(), e.text(), e.truncated(), !finished);
    }

    private record Captured(String text, boolean truncated, long total) { }

    /** Keeps the first {@code max} bytes and keeps draining the rest so the child never blocks on a full pipe. */
    private static Captured capture(InputStream in, int max) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(Math.min(max, 64 * 1024));
        long total = 0;
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                int room = (int) Math.max(0, Math.min(n, max - total));
                if (room > 0) {
                    kept.write(buf, 0, room);
                }
                total += n;
            }
        } catch (IOException ignored) {
            // stream closed when the process was killed; keep what we have
        }
        String text = kept.toString(StandardCharsets.UTF_8);
        if (total > max && !text.isEmpty() && text.charAt(text.length() - 1) == '\uFFFD') {
            text = text.substring(0, text.length() - 1); // a multi-byte character cut at the limit
        }
        return new Captured(text, total > max, total);
    }
}
