package dev.k8sai.cli;

import java.io.PrintWriter;

/**
 * A one-line progress spinner on stderr ("| explaining findings: batch 1 of 3 (4s)"), drawn only when
 * stderr is a terminal, so piped and CI output stays clean. The label changes as the work moves on;
 * {@link #println} puts a line (an agent step) above it. Stops (and erases itself) before streamed
 * answer text is printed.
 */
public final class Spinner implements AutoCloseable {

    private static final char[] FRAMES = {'|', '/', '-', '\\'};
    /** Longer labels are cut: a line that wraps cannot be redrawn with a carriage return. */
    private static final int MAX_LABEL = 70;

    private final PrintWriter err;
    private final boolean enabled;
    private volatile String label;
    private boolean running;
    private Thread thread;
    private int drawn;
    private long since;

    public Spinner(PrintWriter err, String label, boolean enabled) {
        this.err = err;
        this.label = label;
        this.enabled = enabled;
    }

    /** Whether progress may be drawn: stderr is a terminal (stdout may be piped). */
    public static boolean terminalAttached() {
        return Terminals.stderr();
    }

    public synchronized Spinner start() {
        if (!enabled || running) {
            return this;
        }
        running = true;
        since = System.nanoTime();
        thread = Thread.ofVirtual().start(() -> {
            int i = 0;
            while (draw(FRAMES[i++ % FRAMES.length])) {
                try {
                    Thread.sleep(120);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return this;
    }

    /** Shows {@code newLabel} from the next frame on (the elapsed time restarts with it). */
    public synchronized void label(String newLabel) {
        if (!newLabel.equals(label)) {
            label = newLabel;
            since = System.nanoTime();
        }
    }

    /** Starts (if not running) with this label. */
    public void show(String newLabel) {
        label(newLabel);
        start();
    }

    /** Prints a whole line on stderr, above the spinner when it runs. */
    public synchronized void println(String line) {
        erase();
        err.println(line);
        err.flush();
    }

    public boolean enabled() {
        return enabled;
    }

    private synchronized boolean draw(char frame) {
        if (!running) {
            return false;
        }
        String shown = label.length() > MAX_LABEL ? label.substring(0, MAX_LABEL - 1) + "…" : label;
        long seconds = (System.nanoTime() - since) / 1_000_000_000L;
        String line = frame + " " + shown + (seconds >= 2 ? " (" + seconds + "s)" : "");
        err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
        err.flush();
        drawn = Math.max(drawn, line.length());
        return true;
    }

    private void erase() {
        if (drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            drawn = 0;
        }
    }

    public void stop() {
        Thread running;
        synchronized (this) {
            if (!this.running) {
                return;
            }
            this.running = false;
            running = thread;
        }
        running.interrupt();
        try {
            running.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            erase();
            err.flush();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
