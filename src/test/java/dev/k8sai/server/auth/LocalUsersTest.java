package dev.k8sai.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
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
        users.check("alice", "warm-up");
        long wrongPassword = medianNanos(() -> users.check("alice", "wrong"));
        long unknownUser = medianNanos(() -> users.check("mallory", "wrong"));
        double ratio = (double) unknownUser / wrongPassword;
        assertThat(ratio).as("unknown-user / wrong-password median time").isBetween(0.5, 2.0);
    }

    private static long medianNanos(Runnable login) {
        long[] times = new long[9];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            login.run();
            times[i] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }
}
