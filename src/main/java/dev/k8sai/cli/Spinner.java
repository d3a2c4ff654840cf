package dev.k8sai.cli;

import java.io.PrintWriter;

/**
 * A one-line spinner on stderr while waiting for the model; drawn only on a terminal, so piped
 * and CI output stays clean. Stops (and erases itself) before the first streamed text is printed.
 */
public final class Spinner implements AutoCloseable {

    private static final char[] FRAMES = {'|', '/', '-', '\\'};

    private final PrintWriter err;
    private final String label;
    private final boolean enabled;
    private volatile boolean running;
    private Thread thread;

    public Spinner(PrintWriter err, String label, boolean enabled) {
        this.err = err;
        this.label = label;
        this.enabled = enabled;
    }

    public static boolean terminalAttached() {
        return System.console() != null && System.console().isTerminal();
    }

    public Spinner start() {
        if (!enabled || running) {
            return this;
        }
        running = true;
        thread = Thread.ofVirtual().start(() -> {
            int i = 0;
            while (running) {
                err.print("\r" + FRAMES[i++ % FRAMES.length] + " " + label);
                err.flush();
                try {
                    Thread.sleep(120);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return this;
    }

    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        thread.interrupt();
        try {
            thread.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.print("\r" + " ".repeat(label.length() + 2) + "\r");
        err.flush();
    }

    @Override
    public void close() {
        stop();
    }
}
