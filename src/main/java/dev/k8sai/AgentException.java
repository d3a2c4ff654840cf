package dev.k8sai;

/**
 * A failure the user can act on: its message is printed as one line (no stack trace) and the
 * process exits with {@link #exitCode()}. {@link #detail()} is shown only with --verbose.
 */
public class AgentException extends RuntimeException {

    private final int exitCode;
    private final String detail;

    public AgentException(int exitCode, String message) {
        this(exitCode, message, null, null);
    }

    public AgentException(int exitCode, String message, String detail, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.detail = detail;
    }

    public int exitCode() {
        return exitCode;
    }

    public String detail() {
        return detail;
    }
}
