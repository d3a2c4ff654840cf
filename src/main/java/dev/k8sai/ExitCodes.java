package dev.k8sai;

/** Process exit codes, documented in the README. */
public final class ExitCodes {
    public static final int OK = 0;
    /** analyze/audit found a critical finding (disable with --exit-code=false). */
    public static final int FINDINGS = 1;
    /** Bad flags, bad input files, bad configuration, unreachable or refused cluster. */
    public static final int USAGE = 2;
    /** The LLM provider failed: auth, quota, unreachable endpoint, unusable reply. */
    public static final int LLM = 3;
    /** The user declined a confirmation, or --read-only refused a change. */
    public static final int REFUSED = 4;
    /** A bug: an unexpected exception. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
