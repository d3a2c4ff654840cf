package dev.k8sai;

/**
 * A failure the user can act on: its message is printed as one line (no stack trace) and the
 * process exits with {@link #exitCode()}. {@link #detail()} is shown only with --verbose.
 */
public class AgentException extends RuntimeException {

    private final ErrorCategory category;
    private final String detail;

    public AgentException(int exitCode, String message) {
        this(exitCode, message, null, null);
    }

    public AgentException(int exitCode, String message, String detail, Throwable cause) {
        this(ErrorCategory.ofExitCode(exitCode), message, detail, cause);
    }

    public AgentException(ErrorCategory category, String message) {
        this(category, message, null, null);
    }

    public AgentException(ErrorCategory category, String message, String detail, Throwable cause) {
        super(message, cause);
        this.category = category;
        this.detail = detail;
    }

    /** What kind of failure this is; the exit code and HTTP status follow from it. */
    public ErrorCategory category() {
        return category;
    }

    public int exitCode() {
        return category.exitCode();
    }

    public String detail() {
        return detail;
    }
}
