package dev.k8sai.server.auth;

import java.util.List;
import java.util.Objects;

/**
 * Who made a request: the name and groups (also used for Kubernetes impersonation), the role, and how
 * they proved it.
 */
public record AuthenticatedUser(String name, List<String> groups, Role role, Method method) {

    /** How the user authenticated. */
    public enum Method { JWT, LOGIN, API_TOKEN, NONE }

    public AuthenticatedUser {
        Objects.requireNonNull(name, "name");
        groups = List.copyOf(groups);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(method, "method");
    }

    /** The user of a server started with --insecure-no-auth on loopback. */
    public static AuthenticatedUser anonymousAdmin() {
        return new AuthenticatedUser("anonymous", List.of(), Role.ADMIN, Method.NONE);
    }

    public boolean has(Role required) {
        return role.includes(required);
    }
}
