package dev.k8sai.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.k8sai.AgentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestAuthenticatorTest {

    static final TestTokens KEYS = new TestTokens();
    static final String CI_TOKEN = ApiTokens.newToken();
    static RequestAuthenticator auth;

    @BeforeAll
    static void setUp(@TempDir Path dir) throws IOException {
        auth = AuthSetup.build(KEYS.authSettings(dir, CI_TOKEN), Map.of("JWT_SECRET", TestTokens.HS_SECRET));
    }

    private static AuthenticatedUser accept(String token) throws AuthenticationFailed {
        return auth.authenticate("Bearer " + token);
    }

    private static void refuse(String header) {
        assertThatThrownBy(() -> auth.authenticate(header)).isInstanceOf(AuthenticationFailed.class);
    }

    @Test
    void acceptsRs256Es256AndHs256WithRolesAndGroups() throws AuthenticationFailed {
        AuthenticatedUser rs = accept(KEYS.rs256(TestTokens.claims("ann", "operator").build()));
        assertThat(rs.name()).isEqualTo("ann");
        assertThat(rs.role()).isEqualTo(Role.OPERATOR);
        assertThat(rs.groups()).containsExactly("team-ann");
        assertThat(accept(KEYS.es256(TestTokens.claims("eve", "admin", "viewer").build())).role()).isEqualTo(Role.ADMIN);
        assertThat(accept(TestTokens.hs256(TestTokens.HS_SECRET, TestTokens.claims("bob").build())).role())
                .isEqualTo(Role.VIEWER);
    }

    @Test
    void refusesMissingOrNonBearerCredentials() {
        refuse(null);
        refuse("");
        refuse("Basic YWxpY2U6eA==");
        refuse("Bearer not-a-token");
    }

    @Test
    void refusesExpiredAndNotYetValidTokens() {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        refuse("Bearer " + KEYS.rs256(TestTokens.claims("ann").expirationTime(Date.from(past)).build()));
        Instant future = Instant.now().plus(Duration.ofHours(1));
        refuse("Bearer " + KEYS.rs256(TestTokens.claims("ann").notBeforeTime(Date.from(future)).build()));
        refuse("Bearer " + KEYS.rs256(TestTokens.claims("ann").expirationTime(null).build()));
    }

    @Test
    void refusesWrongKeyWrongIssuerAndWrongAudience() {
        refuse("Bearer " + KEYS.rs256WithOtherKey(TestTokens.claims("ann").build()));
        refuse("Bearer " + TestTokens.hs256("another-secret-that-is-32-bytes-long-xx", TestTokens.claims("ann").build()));
        refuse("Bearer " + KEYS.rs256(TestTokens.claims("ann").issuer("https://evil.example").build()));
        refuse("Bearer " + KEYS.rs256(TestTokens.claims("ann").audience("another-app").build()));
    }

    @Test
    void refusesAlgNoneAlgorithmConfusionAndTamperedPayload() {
        refuse("Bearer " + TestTokens.algNone(TestTokens.claims("ann", "admin").build()));
        refuse("Bearer " + KEYS.hs256WithRsaPublicKey(TestTokens.claims("ann", "admin").build()));
        JWTClaimsSet viewer = TestTokens.claims("ann", "viewer").build();
        JWTClaimsSet admin = TestTokens.claims("ann", "admin").build();
        refuse("Bearer " + TestTokens.tampered(KEYS.rs256(viewer), admin));
        refuse("Bearer " + TestTokens.tampered(TestTokens.hs256(TestTokens.HS_SECRET, viewer), admin));
    }

    @Test
    void apiTokensAreCheckedByTheirHash() throws AuthenticationFailed {
        AuthenticatedUser bot = accept(CI_TOKEN);
        assertThat(bot.name()).isEqualTo("ci-bot");
        assertThat(bot.method()).isEqualTo(AuthenticatedUser.Method.API_TOKEN);
        refuse("Bearer " + ApiTokens.newToken());
        refuse("Bearer " + CI_TOKEN + "x");
    }

    @Test
    void loginIssuesAShortLivedTokenTheServerAccepts() throws AuthenticationFailed {
        String token = auth.login("alice", "alice-password").orElseThrow();
        AuthenticatedUser alice = accept(token);
        assertThat(alice.name()).isEqualTo("alice");
        assertThat(alice.role()).isEqualTo(Role.OPERATOR);
        assertThat(alice.groups()).containsExactly("team-a");
        assertThat(alice.method()).isEqualTo(AuthenticatedUser.Method.LOGIN);
        assertThat(auth.login("alice", "wrong")).isEmpty();
        assertThat(auth.login("mallory", "alice-password")).isEmpty();
    }

    @Test
    void loginTokensFromAnotherServerProcessAreRefused(@TempDir Path dir) throws IOException {
        RequestAuthenticator other = AuthSetup.build(KEYS.authSettings(dir, CI_TOKEN), Map.of("JWT_SECRET", TestTokens.HS_SECRET));
        String foreign = other.login("alice", "alice-password").orElseThrow();
        refuse("Bearer " + foreign);
    }

    @Test
    void badConfigurationIsOneClearUsageError(@TempDir Path dir) throws IOException {
        AuthSettings base = KEYS.authSettings(dir, CI_TOKEN);
        assertThatThrownBy(() -> AuthSetup.build(base, Map.of()))
                .isInstanceOf(AgentException.class).hasMessageContaining("JWT_SECRET");
        assertThatThrownBy(() -> AuthSetup.build(base, Map.of("JWT_SECRET", "short")))
                .isInstanceOf(AgentException.class).hasMessageContaining("at least 32 bytes");
        AuthSettings noAudience = new AuthSettings(null, null, base.jwksFile(), null, null, TestTokens.ISSUER, null,
                JwtVerifier.ClaimNames.DEFAULT, null, null, Duration.ofMinutes(15));
        assertThatThrownBy(() -> AuthSetup.build(noAudience, Map.of()))
                .isInstanceOf(AgentException.class).hasMessageContaining("--jwt-audience");
        Path badUsers = Files.writeString(dir.resolve("bad-users.yaml"), "users:\n  - {name: x, passwordHash: plain}\n");
        AuthSettings plainPassword = new AuthSettings(null, null, null, null, null, null, null,
                JwtVerifier.ClaimNames.DEFAULT, badUsers, null, Duration.ofMinutes(15));
        assertThatThrownBy(() -> AuthSetup.build(plainPassword, Map.of()))
                .isInstanceOf(AgentException.class).hasMessageContaining("bcrypt");
    }

    @Test
    void rolesNamedInClaimsMapToTheHighest() {
        assertThat(Role.highestOf(List.of("viewer", "operator"))).isEqualTo(Role.OPERATOR);
        assertThat(Role.highestOf(List.of("cluster-admin"))).isEqualTo(Role.VIEWER);
        assertThat(Role.highestOf(List.of())).isEqualTo(Role.VIEWER);
    }
}
