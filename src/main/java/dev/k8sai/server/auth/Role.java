package dev.k8sai.server.auth;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** What a user of the server may do; each role includes the ones before it. */
public enum Role {
    /** Read operations (analyze, audit, read-only runs, listing approvals). */
    VIEWER,
    /** Also runs that may ask for writes, and approving or denying pending changes. */
    OPERATOR,
    /** Everything. */
    ADMIN;

    public boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.wireName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The highest role named in {@code names} (unknown names ignored), or viewer when none is named. */
    public static Role highestOf(Collection<String> names) {
        Role best = VIEWER;
        for (String name : names) {
            Role role = parse(name).orElse(VIEWER);
            if (role.includes(best)) {
                best = role;
            }
        }
        return best;
    }
}
