package dev.k8sai.server.auth;

/**
 * A request whose credentials are missing or not accepted (HTTP 401). The message is for the server's
 * log and audit line; the client only learns that authentication failed, not why.
 */
public final class AuthenticationFailed extends Exception {

    public AuthenticationFailed(String message) {
        super(message);
    }

    public AuthenticationFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
