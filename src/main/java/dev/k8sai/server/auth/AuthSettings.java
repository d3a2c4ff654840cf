package dev.k8sai.server.auth;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@code serve} authenticates, as given on its command line. Any combination may be set; a request
 * is accepted when one of the configured methods accepts it.
 *
 * @param jwtSecretFile   file holding the HS256 secret (at least 32 bytes)
 * @param jwtSecretEnv    name of an environment variable holding the HS256 secret
 * @param jwksFile        JWKS file with the RS256/ES256 public keys of the token issuer
 * @param jwksUrl         JWKS URL of the token issuer
 * @param oidcIssuer      OIDC issuer: its discovery document names the JWKS URL; also the expected iss
 * @param issuer          expected iss claim of external JWTs (required with a JWKS, recommended always)
 * @param audience        expected aud claim of external JWTs
 * @param claims          claims carrying user, groups and roles
 * @param usersFile       local users (bcrypt or argon2 hashes) for POST /api/v1/login
 * @param tokensFile      static API tokens (SHA-256 hashes)
 * @param loginLifetime   lifetime of the JWTs that login issues
 */
public record AuthSettings(Path jwtSecretFile, String jwtSecretEnv, Path jwksFile, URI jwksUrl, URI oidcIssuer,
                           String issuer, String audience, JwtVerifier.ClaimNames claims,
                           Path usersFile, Path tokensFile, Duration loginLifetime) {

    public boolean anyConfigured() {
        return jwtSecretFile != null || jwtSecretEnv != null || jwksFile != null || jwksUrl != null
                || oidcIssuer != null || usersFile != null || tokensFile != null;
    }
}
