package dev.k8sai.server.auth;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns an {@code Authorization} header into a user: the first configured method that recognises the
 * credential decides. A credential nobody recognises, or that the recognising method refuses, fails.
 */
public final class RequestAuthenticator {

    private final List<Authenticator> methods;
    private final LocalUsers localUsers;
    private final LoginTokens loginTokens;
    private final boolean disabled;

    private RequestAuthenticator(List<Authenticator> methods, LocalUsers localUsers, LoginTokens loginTokens,
                                 boolean disabled) {
        this.methods = List.copyOf(methods);
        this.localUsers = localUsers;
        this.loginTokens = loginTokens;
        this.disabled = disabled;
    }

    public static RequestAuthenticator of(List<Authenticator> methods, LocalUsers localUsers, LoginTokens loginTokens) {
        return new RequestAuthenticator(methods, localUsers, loginTokens, false);
    }

    /** Every request is the anonymous admin: only for --insecure-no-auth on a loopback address. */
    public static RequestAuthenticator insecureNoAuth() {
        return new RequestAuthenticator(List.of(), null, null, true);
    }

    public boolean disabled() {
        return disabled;
    }

    public AuthenticatedUser authenticate(String authorizationHeader) throws AuthenticationFailed {
        if (disabled) {
            return AuthenticatedUser.anonymousAdmin();
        }
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw new AuthenticationFailed("no Authorization header");
        }
        String header = authorizationHeader.trim();
        if (!header.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            throw new AuthenticationFailed("Authorization is not a Bearer credential");
        }
        String bearer = header.substring("bearer ".length()).trim();
        AuthenticationFailed firstRefusal = null;
        for (Authenticator method : methods) {
            try {
                Optional<AuthenticatedUser> user = method.authenticate(bearer);
                if (user.isPresent()) {
                    return user.get();
                }
            } catch (AuthenticationFailed refused) {
                // Several JWT issuers may be configured: a token one refuses, another may accept.
                firstRefusal = firstRefusal == null ? refused : firstRefusal;
            }
        }
        throw firstRefusal != null ? firstRefusal : new AuthenticationFailed("credential of an unknown form");
    }

    /** POST /api/v1/login: a short-lived JWT for a local user, empty when the name or password is wrong. */
    public Optional<String> login(String name, String password) {
        if (localUsers == null) {
            return Optional.empty();
        }
        return localUsers.check(name, password).map(loginTokens::issue);
    }

    public boolean loginEnabled() {
        return localUsers != null;
    }

    public java.time.Duration loginLifetime() {
        return loginTokens == null ? java.time.Duration.ZERO : loginTokens.lifetime();
    }
}
