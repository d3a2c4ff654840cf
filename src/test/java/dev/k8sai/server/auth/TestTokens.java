package dev.k8sai.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Real keys and real tokens (good and each kind of bad) for the auth tests, signed with nimbus. */
public final class TestTokens {

    public static final String ISSUER = "https://idp.example.test";
    public static final String AUDIENCE = "k8s-ai-agent-test";
    public static final String HS_SECRET = "an-hs256-secret-of-at-least-32-bytes-0123456789";

    public final RSAKey rsa;
    public final RSAKey otherRsa;
    public final ECKey ec;

    public TestTokens() {
        try {
            rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
            otherRsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
            ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWKS of {@link #rsa} and {@link #ec}, as an identity provider publishes it. */
    public String publicJwks() {
        return new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString();
    }

    /** Every method at once: HS256 from the environment, a JWKS file, local users, API tokens. */
    public AuthSettings authSettings(Path dir, String apiToken) throws IOException {
        Path jwks = Files.writeString(dir.resolve("jwks.json"), publicJwks());
        String hash = new BCryptPasswordEncoder(6).encode("alice-password");
        Path users = Files.writeString(dir.resolve("users.yaml"), """
                users:
                  - {name: alice, passwordHash: '%s', role: operator, groups: [team-a]}
                """.formatted(hash));
        Path tokens = Files.writeString(dir.resolve("tokens.yaml"), """
                tokens:
                  - {name: ci-bot, sha256: %s, role: viewer}
                """.formatted(ApiTokens.sha256Hex(apiToken)));
        return new AuthSettings(null, "JWT_SECRET", jwks, null, null, TestTokens.ISSUER, TestTokens.AUDIENCE,
                JwtVerifier.ClaimNames.DEFAULT, users, tokens, Duration.ofMinutes(15));
    }

    public static JWTClaimsSet.Builder claims(String user, String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(user)
                .claim("roles", List.of(roles)).claim("groups", List.of("team-" + user))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    public String rs256(JWTClaimsSet claims) {
        return sign(JWSAlgorithm.RS256, rsa.getKeyID(), claims, signer(rsa));
    }

    public String rs256WithOtherKey(JWTClaimsSet claims) {
        return sign(JWSAlgorithm.RS256, otherRsa.getKeyID(), claims, signer(otherRsa));
    }

    public String es256(JWTClaimsSet claims) {
        try {
            return sign(JWSAlgorithm.ES256, ec.getKeyID(), claims, new ECDSASigner(ec));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hs256(String secret, JWTClaimsSet claims) {
        try {
            return sign(JWSAlgorithm.HS256, null, claims, new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classic confusion attack: HS256 "signed" with the server's RSA public key as the HMAC secret. */
    public String hs256WithRsaPublicKey(JWTClaimsSet claims) {
        try {
            byte[] publicKey = rsa.toRSAPublicKey().getEncoded();
            return sign(JWSAlgorithm.HS256, rsa.getKeyID(), claims, new MACSigner(pad(publicKey)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsecured JWT: {@code alg: none}, empty signature. */
    public static String algNone(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** A valid token whose payload was changed after signing (role raised to admin). */
    public static String tampered(String token, JWTClaimsSet replacement) {
        String[] parts = token.split("\\.");
        String payload = Base64URL.encode(replacement.toString()).toString();
        return parts[0] + "." + payload + "." + parts[2];
    }

    private static byte[] pad(byte[] key) {
        return key.length >= 32 ? key : java.util.Arrays.copyOf(key, 32);
    }

    private static JWSSigner signer(RSAKey key) {
        try {
            return new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSAlgorithm alg, String kid, JWTClaimsSet claims, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
