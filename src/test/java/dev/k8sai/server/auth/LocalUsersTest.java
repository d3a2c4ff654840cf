package dev.k8sai.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class LocalUsersTest {

    private final LocalUsers users = new LocalUsers(List.of(new LocalUsers.Entry("alice",
            new BCryptPasswordEncoder(8).encode("s3cret"), "operator", List.of("team-a"))));

    @Test
    void rightPasswordOnly() {
        assertThat(users.check("alice", "s3cret")).map(AuthenticatedUser::role).contains(Role.OPERATOR);
        assertThat(users.check("alice", "S3cret")).isEmpty();
        assertThat(users.check("alice", null)).isEmpty();
        assertThat(users.check(null, "s3cret")).isEmpty();
    }

    /**
     * An unknown name costs the same bcrypt work as a wrong password. Without the dummy hash an unknown
     * name answers in microseconds against ~10 ms of bcrypt (cost 8), a ratio in the hundreds.
     */
    @Test
    void unknownUserTakesAsLongAsAWrongPassword() {
        assertSameTime(users, "alice");
    }

    /** From the argon2 reference CLI: {@code echo -n password | argon2 somesalt -t 2 -m 16 -p 4 -l 24}. */
    static final String ARGON2I_REFERENCE = "$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG";

    @Test
    void argon2HashesBesideBcrypt() {
        LocalUsers mixed = new LocalUsers(List.of(
                new LocalUsers.Entry("alice", new BCryptPasswordEncoder(4).encode("s3cret"), "operator", List.of()),
                new LocalUsers.Entry("bob", ARGON2I_REFERENCE, "viewer", List.of()),
                new LocalUsers.Entry("carol", new Argon2PasswordEncoder(16, 32, 1, 4096, 2).encode("c4rol"), "admin", null)));
        assertThat(mixed.check("bob", "password")).map(AuthenticatedUser::role).contains(Role.VIEWER);
        assertThat(mixed.check("bob", "Password")).isEmpty();
        assertThat(mixed.check("carol", "c4rol")).map(AuthenticatedUser::role).contains(Role.ADMIN);
        assertThat(mixed.check("carol", "s3cret")).as("alice's password is not carol's").isEmpty();
        assertThat(mixed.check("alice", "s3cret")).map(AuthenticatedUser::role).contains(Role.OPERATOR);
        assertThat(mixed.check("alice", "c4rol")).isEmpty();
    }

    @Test
    void anUnknownUserOfAnArgon2FileTakesAsLongAsAWrongPassword() {
        LocalUsers argon2 = new LocalUsers(List.of(new LocalUsers.Entry("carol",
                new Argon2PasswordEncoder(16, 32, 1, 8192, 3).encode("c4rol"), "operator", List.of())));
        assertSameTime(argon2, "carol");
    }

    @Test
    void aHashOfNeitherSchemeIsRefused() {
        assertThatThrownBy(() -> new LocalUsers(List.of(new LocalUsers.Entry("dave", "{noop}plain", "viewer", List.of()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bcrypt").hasMessageContaining("argon2");
    }

    /**
     * Median times of a wrong password and an unknown name, measured alternately after a warm-up (the
     * hash code is JIT-compiled over the first calls, and the machine's load drifts), so both see the same
     * conditions. Without the dummy hash an unknown name answers in microseconds, a ratio far below 0.5.
     */
    private static void assertSameTime(LocalUsers users, String known) {
        for (int i = 0; i < 5; i++) {
            users.check(known, "warm-up");
            users.check("nobody", "warm-up");
        }
        long[] wrongPassword = new long[11];
        long[] unknownUser = new long[11];
        for (int i = 0; i < wrongPassword.length; i++) {
            wrongPassword[i] = nanos(() -> users.check(known, "wrong"));
            unknownUser[i] = nanos(() -> users.check("mallory", "wrong"));
        }
        double ratio = (double) median(unknownUser) / median(wrongPassword);
        assertThat(ratio).as("unknown-user / wrong-password median time").isBetween(0.5, 2.0);
    }

    private static long nanos(Runnable login) {
        long start = System.nanoTime();
        login.run();
        return System.nanoTime() - start;
    }

    private static long median(long[] times) {
        Arrays.sort(times);
        return times[times.length / 2];
    }
}
