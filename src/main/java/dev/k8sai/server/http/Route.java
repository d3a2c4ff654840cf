package dev.k8sai.server.http;

import dev.k8sai.server.auth.Role;

/**
 * One route of the API: method, path (Helidon syntax, {@code /api/v1/runs/{id}}), the role it needs
 * (null: public, no authentication) and its handler.
 */
public record Route(String method, String path, Role requires, ApiHandler handler) {

    /** The handler of a route: reads the call, answers through it. */
    @FunctionalInterface
    public interface ApiHandler {
        void handle(ApiCall call) throws Exception;
    }

    public boolean isPublic() {
        return requires == null;
    }
}
