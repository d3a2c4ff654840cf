package dev.k8sai;

/**
 * The one table of error categories: what each means, the CLI's exit code and the HTTP status a
 * server answers with. Front ends map an {@link AgentException} through {@link AgentException#category()};
 * nothing else decides exit codes or statuses for failures.
 */
public enum ErrorCategory {
    /** Bad flags, arguments or input files. */
    USAGE(ExitCodes.USAGE, 400),
    /** Configuration that cannot be used (file, profile, missing key). */
    CONFIG(ExitCodes.USAGE, 500),
    /** The cluster cannot be reached, refuses us, or rejected a request. */
    CLUSTER(ExitCodes.USAGE, 502),
    /** The LLM provider failed: auth, quota, unreachable endpoint, unusable reply. */
    LLM(ExitCodes.LLM, 502),
    /** A change was not made: --read-only, or the approver declined. */
    REFUSED(ExitCodes.REFUSED, 409),
    /** The run was cancelled (Ctrl-C, a closed request). 130 is the shell's code for SIGINT. */
    CANCELLED(130, 499),
    /** A bug: an unexpected exception. */
    INTERNAL(ExitCodes.INTERNAL, 500);

    private final int exitCode;
    private final int httpStatus;

    ErrorCategory(int exitCode, int httpStatus) {
        this.exitCode = exitCode;
        this.httpStatus = httpStatus;
    }

    public int exitCode() {
        return exitCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The category of an exception raised with a bare exit code (most of the code base predates the
     * categories): usage, configuration and cluster errors share exit code 2 and map to USAGE.
     */
    public static ErrorCategory ofExitCode(int exitCode) {
        return switch (exitCode) {
            case ExitCodes.USAGE -> USAGE;
            case ExitCodes.LLM -> LLM;
            case ExitCodes.REFUSED -> REFUSED;
            case 130 -> CANCELLED;
            default -> INTERNAL;
        };
    }
}
