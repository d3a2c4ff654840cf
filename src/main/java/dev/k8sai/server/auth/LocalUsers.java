package dev.k8sai.server.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The local users file for teams without an identity provider: bcrypt hashes checked with Spring
 * Security Crypto's {@link BCryptPasswordEncoder} (maintained, no other dependency; accepts the
 * $2a/$2b/$2y hashes that htpasswd and most tools write).
 * <p>
 * An unknown user name costs the same bcrypt work as a wrong password: the password is checked against
 * a dummy hash of the file's highest cost, so response time does not reveal which names exist.
 */
public final class LocalUsers {

    /** One entry of the users file. */
    public record Entry(String name, String passwordHash, String role, List<String> groups) {
    }

    private static final Pattern BCRYPT_COST = Pattern.compile("^\\$2[aby]?\\$(\\d\\d)\\$");

    private final Map<String, Entry> byName;
    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();
    private final String dummyHash;

    public LocalUsers(List<Entry> entries) {
        for (Entry e : entries) {
            if (e.name() == null || e.passwordHash() == null || costOf(e.passwordHash()) < 0) {
                throw new IllegalArgumentException("users file: entry " + e.name()
                        + " needs a name and a bcrypt passwordHash ($2a$/$2b$/$2y$)");
            }
        }
        this.byName = entries.stream().collect(Collectors.toUnmodifiableMap(Entry::name, Function.identity()));
        int cost = entries.stream().mapToInt(e -> costOf(e.passwordHash())).max().orElse(10);
        this.dummyHash = new BCryptPasswordEncoder(cost).encode("not-a-password-of-anyone");
    }

    /** The user when the password matches; empty for a wrong password or an unknown name (same work). */
    public Optional<AuthenticatedUser> check(String name, String password) {
        Entry entry = name == null ? null : byName.get(name);
        String hash = entry == null ? dummyHash : entry.passwordHash();
        boolean matches = encoder.matches(password == null ? "" : password, hash);
        if (entry == null || !matches) {
            return Optional.empty();
        }
        return Optional.of(new AuthenticatedUser(entry.name(),
                entry.groups() == null ? List.of() : entry.groups(),
                Role.parse(entry.role()).orElse(Role.VIEWER), AuthenticatedUser.Method.LOGIN));
    }

    static int costOf(String hash) {
        Matcher m = BCRYPT_COST.matcher(hash);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
