package dev.k8sai.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Short-lived HS256 JWTs that {@code POST /api/v1/login} issues to local users, and their verifier.
 * The signing key is random per server process unless one is given (several replicas share one), so a
 * restart logs everybody out — acceptable for tokens that live minutes.
 */
public final class LoginTokens {

    public static final String ISSUER = "k8s-ai-agent";
    public static final String AUDIENCE = "k8s-ai-agent";

    private final byte[] key;
    private final Duration lifetime;
    private final Clock clock;
    private final JwtVerifier verifier;

    public LoginTokens(byte[] key, Duration lifetime, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the login signing key needs at least 256 bits");
        }
        this.key = key.clone();
        this.lifetime = lifetime;
        this.clock = clock;
        this.verifier = new JwtVerifier(Set.of(JWSAlgorithm.HS256), new ImmutableSecret<>(this.key),
                ISSUER, AUDIENCE, JwtVerifier.ClaimNames.DEFAULT, AuthenticatedUser.Method.LOGIN);
    }

    public static LoginTokens withRandomKey(Duration lifetime) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new LoginTokens(key, lifetime, Clock.systemUTC());
    }

    /** A signed token for {@code user}. */
    public String issue(AuthenticatedUser user) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).audience(AUDIENCE).subject(user.name())
                .claim("groups", user.groups()).claim("roles", List.of(user.role().wireName()))
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing with a 256-bit key cannot fail", e);
        }
        return jwt.serialize();
    }

    public Duration lifetime() {
        return lifetime;
    }

    public Authenticator verifier() {
        return verifier;
    }
}
