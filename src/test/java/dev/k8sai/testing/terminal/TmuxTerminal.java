package dev.k8sai.testing.terminal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real terminal for tests: a command runs in a detached tmux session (its own server socket), and
 * the test reads the screen as a person would see it ({@code capture-pane}). The CLI runs as a separate
 * JVM from the test's own class path, so its stdout/stderr are a pseudo-terminal, unlike in-process runs.
 */
public final class TmuxTerminal implements AutoCloseable {

    private final String socket = "k8sai-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final Path dir;

    private TmuxTerminal(Path dir) {
        this.dir = dir;
    }

    /**
     * Starts {@code shellLine} (bash syntax: redirections allowed) with {@code env} in a 160x50 terminal;
     * when it ends, "[exit N]" is printed and the pane stays open for reading.
     */
    public static TmuxTerminal start(Path dir, Map<String, String> env, String shellLine) throws IOException {
        TmuxTerminal t = new TmuxTerminal(dir);
        StringBuilder script = new StringBuilder("cd '" + dir + "'\n");
        env.forEach((k, v) -> script.append("export ").append(k).append("='").append(v.replace("'", "'\\''")).append("'\n"));
        script.append(shellLine).append("\necho \"[exit $?]\"\nsleep 600\n");
        Path file = dir.resolve("tmux-run.sh");
        Files.writeString(file, script.toString());
        t.tmux("new-session", "-d", "-x", "160", "-y", "50", "-s", "main", "bash " + file);
        return t;
    }

    /** The command line that runs this build's CLI in a fresh JVM (the test's own class path). */
    public static String cli(String... args) {
        List<String> words = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.k8sai.cli.Main"));
        words.addAll(List.of(args));
        return String.join(" ", words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").toList());
    }

    /** The screen and its scroll-back, as text. */
    public String screen() {
        return tmux("capture-pane", "-p", "-J", "-S", "-500", "-t", "main");
    }

    /** Sends keys as tmux names them ("C-d", "Enter") or literal text with {@code literal}. */
    public void send(String keys, boolean literal) {
        if (literal) {
            tmux("send-keys", "-t", "main", "-l", keys);
        } else {
            tmux("send-keys", "-t", "main", keys);
        }
    }

    /** Polls the screen until {@code ready} holds; fails with the screen when {@code timeout} passes. */
    public String waitFor(Predicate<String> ready, Duration timeout, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        String screen = "";
        while (System.nanoTime() < end) {
            screen = screen();
            if (ready.test(screen)) {
                return screen;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what + "; the screen:\n" + screen);
    }

    private String tmux(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("tmux " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("tmux is needed for terminal tests (apt-get install tmux)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            tmux("kill-server");
        } catch (IllegalStateException e) {
            // already gone
        }
    }
}
