package dev.k8sai.server.auth;

import java.util.Optional;

/** One way to prove who you are with a bearer credential. */
public interface Authenticator {

    /**
     * The user the bearer credential proves, empty when this authenticator does not recognise the
     * credential's form (another may), or an exception when it recognises it and refuses it.
     */
    Optional<AuthenticatedUser> authenticate(String bearer) throws AuthenticationFailed;
}
