package dev.k8sai.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An identity provider on a real loopback socket: discovery document plus JWKS, as Keycloak/Dex serve them. */
class OidcDiscoveryTest {

    @Test
    void verifiesTokensWithTheKeysTheIssuerPublishes() throws IOException, AuthenticationFailed {
        TestTokens keys = new TestTokens();
        HttpServer idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String issuer = "http://127.0.0.1:" + idp.getAddress().getPort() + "/realms/team";
        idp.createContext("/realms/team/.well-known/openid-configuration", ex -> respond(ex,
                "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/certs\"}"));
        idp.createContext("/realms/team/certs", ex -> respond(ex, keys.publicJwks()));
        idp.start();
        try {
            AuthSettings settings = new AuthSettings(null, null, null, null, URI.create(issuer), null, "k8s-ai-agent",
                    JwtVerifier.ClaimNames.DEFAULT, null, null, Duration.ofMinutes(15));
            RequestAuthenticator auth = AuthSetup.build(settings, Map.of());
            String token = keys.rs256(TestTokens.claims("ann", "operator").issuer(issuer).audience("k8s-ai-agent").build());
            assertThat(auth.authenticate("Bearer " + token).role()).isEqualTo(Role.OPERATOR);
            String otherIssuer = keys.rs256(TestTokens.claims("ann").audience("k8s-ai-agent").build());
            assertThatThrownBy(() -> auth.authenticate("Bearer " + otherIssuer)).isInstanceOf(AuthenticationFailed.class);
        } finally {
            idp.stop(0);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
