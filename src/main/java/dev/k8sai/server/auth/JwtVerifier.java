package dev.k8sai.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies bearer JWTs with nimbus-jose-jwt. The processor accepts only the algorithms this verifier
 * was built for (HS256 for a shared secret; RS256/ES256 for a JWKS), so {@code alg: none} and
 * algorithm confusion (an HS256 token "signed" with the RSA public key) are refused by the library's
 * key selector, not by hand-written header checks. {@code exp} is required; {@code nbf} is checked when
 * present; {@code iss} and {@code aud} must match when configured (60 s clock skew).
 */
public final class JwtVerifier implements Authenticator {

    private final ConfigurableJWTProcessor<SecurityContext> processor;
    private final ClaimNames claimNames;
    private final AuthenticatedUser.Method method;

    /** Which claims carry the user name, groups and roles. */
    public record ClaimNames(String user, String groups, String roles) {
        public static final ClaimNames DEFAULT = new ClaimNames("sub", "groups", "roles");
    }

    public JwtVerifier(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> keys, String issuer,
                       String audience, ClaimNames claimNames, AuthenticatedUser.Method method) {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.copyOf(algorithms), keys));
        JWTClaimsSet exact = issuer == null ? new JWTClaimsSet.Builder().build()
                : new JWTClaimsSet.Builder().issuer(issuer).build();
        Set<String> required = new HashSet<>(Set.of("exp", claimNames.user()));
        p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audience == null ? null : Set.of(audience), exact, required, null));
        this.processor = p;
        this.claimNames = claimNames;
        this.method = method;
    }

    @Override
    public Optional<AuthenticatedUser> authenticate(String bearer) throws AuthenticationFailed {
        if (!looksLikeJwt(bearer)) {
            return Optional.empty();
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(bearer, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new AuthenticationFailed("JWT refused: " + e.getMessage(), e);
        }
        String user = stringClaim(claims, claimNames.user());
        if (user == null || user.isBlank()) {
            throw new AuthenticationFailed("JWT refused: no " + claimNames.user() + " claim");
        }
        List<String> groups = listClaim(claims, claimNames.groups());
        Role role = Role.highestOf(listClaim(claims, claimNames.roles()));
        return Optional.of(new AuthenticatedUser(user, groups, role, method));
    }

    /** A compact JWS or unsecured JWT: header.payload.signature (the signature may be empty). */
    static boolean looksLikeJwt(String bearer) {
        return bearer.chars().filter(c -> c == '.').count() == 2;
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : null;
    }

    /** A claim given as one string or a list of strings (IdPs do both for roles and groups). */
    private static List<String> listClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        List<String> out = new ArrayList<>();
        if (value instanceof String s) {
            out.add(s);
        } else if (value instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(out::add);
        }
        return out;
    }
}
