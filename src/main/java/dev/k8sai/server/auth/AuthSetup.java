package dev.k8sai.server.auth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the {@link RequestAuthenticator} from {@link AuthSettings}; every bad input is one clear error. */
public final class AuthSetup {

    private static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private record UsersFile(List<LocalUsers.Entry> users) {
    }

    private record TokensFile(List<ApiTokens.Entry> tokens) {
    }

    private AuthSetup() {
    }

    public static RequestAuthenticator build(AuthSettings s, Map<String, String> env) {
        List<Authenticator> methods = new ArrayList<>();
        LoginTokens loginTokens = null;
        LocalUsers users = null;
        if (s.tokensFile() != null) {
            methods.add(new ApiTokens(orEmpty(read(s.tokensFile(), TokensFile.class, "tokens file").tokens())));
        }
        if (s.usersFile() != null) {
            try {
                users = new LocalUsers(orEmpty(read(s.usersFile(), UsersFile.class, "users file").users()));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
            loginTokens = LoginTokens.withRandomKey(s.loginLifetime());
            methods.add(loginTokens.verifier());
        }
        byte[] secret = hsSecret(s, env);
        if (secret != null) {
            methods.add(new JwtVerifier(Set.of(JWSAlgorithm.HS256), new ImmutableSecret<>(secret),
                    s.issuer(), s.audience(), s.claims(), AuthenticatedUser.Method.JWT));
        }
        JWKSource<SecurityContext> jwks = jwks(s);
        if (jwks != null) {
            String issuer = s.issuer() != null ? s.issuer() : s.oidcIssuer() == null ? null : s.oidcIssuer().toString();
            if (issuer == null || s.audience() == null) {
                throw usage("a JWKS needs --jwt-issuer and --jwt-audience: an identity provider signs tokens for many"
                        + " applications, so the server must check that a token was issued for it");
            }
            methods.add(new JwtVerifier(ASYMMETRIC, jwks, issuer, s.audience(), s.claims(),
                    AuthenticatedUser.Method.JWT));
        }
        return RequestAuthenticator.of(methods, users, loginTokens);
    }

    private static byte[] hsSecret(AuthSettings s, Map<String, String> env) {
        String text = null;
        String source = null;
        if (s.jwtSecretFile() != null) {
            source = "--jwt-secret-file " + s.jwtSecretFile();
            try {
                text = Files.readString(s.jwtSecretFile(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw usage("cannot read " + source + ": " + e.getMessage());
            }
        } else if (s.jwtSecretEnv() != null) {
            source = "--jwt-secret-env " + s.jwtSecretEnv();
            text = env.get(s.jwtSecretEnv());
            if (text == null || text.isBlank()) {
                throw usage(source + ": the variable is not set");
            }
            text = text.strip();
        }
        if (text == null) {
            return null;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw usage(source + ": an HS256 secret needs at least 32 bytes (256 bits)");
        }
        return bytes;
    }

    private static JWKSource<SecurityContext> jwks(AuthSettings s) {
        if (s.jwksFile() != null) {
            try {
                return new ImmutableJWKSet<>(JWKSet.load(s.jwksFile().toFile()));
            } catch (IOException | ParseException e) {
                throw usage("cannot read the JWKS file " + s.jwksFile() + ": " + e.getMessage());
            }
        }
        URI url = s.jwksUrl() != null ? s.jwksUrl() : s.oidcIssuer() == null ? null : discoverJwksUri(s.oidcIssuer());
        if (url == null) {
            return null;
        }
        try {
            // nimbus caches the key set, refreshes it ahead of expiry and on an unknown kid (key rotation)
            return JWKSourceBuilder.<SecurityContext>create(url.toURL()).retrying(true).build();
        } catch (IOException | IllegalArgumentException e) {
            throw usage("bad JWKS URL " + url + ": " + e.getMessage());
        }
    }

    /** The jwks_uri of an OIDC issuer's discovery document (OpenID Connect Discovery 1.0, section 4). */
    static URI discoverJwksUri(URI issuer) {
        String base = issuer.toString().replaceAll("/+$", "");
        URI discovery = URI.create(base + "/.well-known/openid-configuration");
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(discovery)
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw usage("OIDC discovery " + discovery + " answered HTTP " + response.statusCode());
            }
            JsonNode doc = new ObjectMapper().readTree(response.body());
            String jwksUri = doc.path("jwks_uri").asText(null);
            if (jwksUri == null) {
                throw usage("OIDC discovery " + discovery + " names no jwks_uri");
            }
            return URI.create(jwksUri);
        } catch (IOException e) {
            throw usage("OIDC discovery " + discovery + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw usage("OIDC discovery " + discovery + " was interrupted");
        }
    }

    private static <T> T read(Path file, Class<T> type, String what) {
        try {
            T value = YAML.readValue(file.toFile(), type);
            if (value == null) {
                throw usage(what + " " + file + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw usage("cannot read the " + what + " " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static AgentException usage(String message) {
        return new AgentException(ExitCodes.USAGE, message);
    }
}
