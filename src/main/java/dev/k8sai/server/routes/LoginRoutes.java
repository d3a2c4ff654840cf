package dev.k8sai.server.routes;

import dev.k8sai.server.auth.AuthenticatedUser;
import dev.k8sai.server.auth.RequestAuthenticator;
import dev.k8sai.server.auth.Role;
import dev.k8sai.server.http.ApiCall;
import dev.k8sai.server.http.ApiException;
import dev.k8sai.server.http.RouteModule;
import dev.k8sai.server.http.RouteTable;
import java.util.Map;

/** {@code POST /api/v1/login} for local users, and {@code GET /api/v1/whoami}. */
public final class LoginRoutes implements RouteModule {

    /** The login body. */
    public record Credentials(String username, String password) {
    }

    private final RequestAuthenticator auth;

    public LoginRoutes(RequestAuthenticator auth) {
        this.auth = auth;
    }

    @Override
    public void register(RouteTable routes) {
        routes.publicPost("/api/v1/login", this::login);
        routes.get("/api/v1/whoami", Role.VIEWER, LoginRoutes::whoami);
    }

    private void login(ApiCall call) {
        if (!auth.loginEnabled()) {
            throw new ApiException(404, "login is not enabled on this server (start it with --users-file)");
        }
        Credentials credentials = call.body(Credentials.class);
        call.audit("operation", "login").audit("username", credentials.username());
        String token = auth.login(credentials.username(), credentials.password())
                .orElseThrow(() -> new ApiException(401, "wrong user name or password"));
        call.json(200, Map.of("token", token, "tokenType", "Bearer",
                "expiresIn", auth.loginLifetime().toSeconds()));
    }

    private static void whoami(ApiCall call) {
        AuthenticatedUser user = call.user();
        call.json(200, Map.of("name", user.name(), "groups", user.groups(), "role", user.role().wireName(),
                "method", user.method().name().toLowerCase(java.util.Locale.ROOT)));
    }
}
