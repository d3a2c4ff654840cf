package dev.k8sai.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Static API tokens for scripts, stored as SHA-256 hashes. A token is 256 random bits, so a fast hash is
 * enough (guessing is hopeless); slow hashes are for low-entropy passwords. The lookup is by hash, so
 * timing reveals nothing about the token itself.
 */
public final class ApiTokens implements Authenticator {

    /** Every token starts with this, so the server knows it is not a JWT. */
    public static final String PREFIX = "k8sai_";

    /** One entry of the tokens file. */
    public record Entry(String name, String sha256, String role, List<String> groups) {
    }

    private final Map<String, Entry> byHash;

    public ApiTokens(List<Entry> entries) {
        this.byHash = entries.stream().collect(Collectors.toUnmodifiableMap(
                e -> e.sha256().trim().toLowerCase(java.util.Locale.ROOT), Function.identity()));
    }

    @Override
    public Optional<AuthenticatedUser> authenticate(String bearer) throws AuthenticationFailed {
        if (!bearer.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Entry entry = byHash.get(sha256Hex(bearer));
        if (entry == null) {
            throw new AuthenticationFailed("unknown API token");
        }
        Role role = Role.parse(entry.role()).orElse(Role.VIEWER);
        return Optional.of(new AuthenticatedUser(entry.name(),
                entry.groups() == null ? List.of() : entry.groups(), role, AuthenticatedUser.Method.API_TOKEN));
    }

    /** A new random token (print it once; store only {@link #sha256Hex}). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
