package dev.k8sai.server.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The local users file for teams without an identity provider: bcrypt or argon2 hashes checked with
 * Spring Security Crypto's {@link BCryptPasswordEncoder} (the $2a/$2b/$2y hashes htpasswd and most tools
 * write) and {@link Argon2PasswordEncoder} (the PHC strings of the argon2 CLI and libraries:
 * {@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}; the parameters are read from each hash).
 * <p>
 * An unknown user name costs the same work as a wrong password: the password is checked against a dummy
 * hash of the file's scheme (the one most entries use) and its highest cost, so response time does not
 * reveal which names exist.
 */
public final class LocalUsers {

    /** One entry of the users file. */
    public record Entry(String name, String passwordHash, String role, List<String> groups) {
    }

    private static final Pattern BCRYPT_COST = Pattern.compile("^\\$2[aby]?\\$(\\d\\d)\\$");
    private static final Pattern ARGON2_PARAMS = Pattern.compile("^\\$argon2(?:id|i|d)\\$v=\\d+\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$");
    private static final String DUMMY_PASSWORD = "not-a-password-of-anyone";

    private final Map<String, Entry> byName;
    private final PasswordEncoder bcrypt = new BCryptPasswordEncoder();
    private final PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final String dummyHash;

    public LocalUsers(List<Entry> entries) {
        for (Entry e : entries) {
            if (e.name() == null || e.passwordHash() == null || (costOf(e.passwordHash()) < 0 && argon2Params(e.passwordHash()) == null)) {
                throw new IllegalArgumentException("users file: entry " + e.name()
                        + " needs a name and a bcrypt ($2a$/$2b$/$2y$) or argon2 ($argon2id$…) passwordHash");
            }
        }
        this.byName = entries.stream().collect(Collectors.toUnmodifiableMap(Entry::name, Function.identity()));
        this.dummyHash = dummyHash(entries);
    }

    /** The user when the password matches; empty for a wrong password or an unknown name (same work). */
    public Optional<AuthenticatedUser> check(String name, String password) {
        Entry entry = name == null ? null : byName.get(name);
        String hash = entry == null ? dummyHash : entry.passwordHash();
        boolean matches = encoderFor(hash).matches(password == null ? "" : password, hash);
        if (entry == null || !matches) {
            return Optional.empty();
        }
        return Optional.of(new AuthenticatedUser(entry.name(),
                entry.groups() == null ? List.of() : entry.groups(),
                Role.parse(entry.role()).orElse(Role.VIEWER), AuthenticatedUser.Method.LOGIN));
    }

    private PasswordEncoder encoderFor(String hash) {
        return argon2Params(hash) != null ? argon2 : bcrypt;
    }

    /** A hash of the scheme most entries use, at the highest memory/time/cost any entry of that scheme has. */
    private static String dummyHash(List<Entry> entries) {
        List<int[]> argon2 = entries.stream().map(e -> argon2Params(e.passwordHash())).filter(p -> p != null).toList();
        if (!argon2.isEmpty() && argon2.size() * 2 > entries.size()) {
            int memory = argon2.stream().mapToInt(p -> p[0]).max().orElseThrow();
            int iterations = argon2.stream().mapToInt(p -> p[1]).max().orElseThrow();
            int parallelism = argon2.stream().mapToInt(p -> p[2]).max().orElseThrow();
            return new Argon2PasswordEncoder(16, 32, parallelism, memory, iterations).encode(DUMMY_PASSWORD);
        }
        int cost = entries.stream().mapToInt(e -> costOf(e.passwordHash())).max().orElse(10);
        return new BCryptPasswordEncoder(Math.max(cost, 4)).encode(DUMMY_PASSWORD);
    }

    static int costOf(String hash) {
        Matcher m = BCRYPT_COST.matcher(hash);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** memory (KiB), iterations, parallelism of an argon2 PHC string; null when it is none. */
    static int[] argon2Params(String hash) {
        Matcher m = ARGON2_PARAMS.matcher(hash);
        if (!m.find()) {
            return null;
        }
        try {
            return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
        } catch (NumberFormatException e) {
            return null;   // a number too large for any real parameter
        }
    }
}
