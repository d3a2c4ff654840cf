package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.cluster.ClusterTarget;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClusterFlagsTest {

    @Test
    void readsTheClusterFlagsOfACommandThatConnects() {
        assertThat(ClusterFlags.peek("analyze", "-n", "shop", "-o", "json"))
                .isEqualTo(new ClusterTarget(null, null, null, false));
        assertThat(ClusterFlags.peek("--kubeconfig", "/k/c", "analyze", "--context=prod", "--as", "jane", "--as-group", "a",
                "--as-group=b", "-A"))
                .isEqualTo(new ClusterTarget(Path.of("/k/c"), "prod", null, false, "jane", List.of("a", "b")));
        assertThat(ClusterFlags.peek("audit", "--kubeconfig=/k/c")).isEqualTo(new ClusterTarget(Path.of("/k/c"), null, null, false));
        assertThat(ClusterFlags.peek("diagnose", "why is web down")).isNotNull();
        // a global option's value before the command is not the command
        assertThat(ClusterFlags.peek("-n", "shop", "analyze")).isEqualTo(new ClusterTarget(null, null, null, false));
    }

    @Test
    void noGuessWhenTheCommandDoesNotReadOneClusterRightAway() {
        assertThat(ClusterFlags.peek("version")).isNull();
        assertThat(ClusterFlags.peek("chat")).isNull();
        assertThat(ClusterFlags.peek("analyze", "-f", "snap.json")).isNull();
        assertThat(ClusterFlags.peek("analyze", "--file=snap.json")).isNull();
        assertThat(ClusterFlags.peek("analyze", "--help")).isNull();
        assertThat(ClusterFlags.peek("analyze", "--all-contexts")).isNull();
        assertThat(ClusterFlags.peek("analyze", "--context", "a,b")).isNull();
        assertThat(ClusterFlags.peek("analyze", "--context")).isNull();
        assertThat(ClusterFlags.peek()).isNull();
        assertThat(ClusterFlags.peek("analyze", "--kubeconfig", "bad\0path")).isNull();
    }

    @Test
    void theGuessIsWhatPicocliParses() {
        List<String[]> lines = List.of(
                new String[] {"analyze", "-n", "shop", "-o", "json"},
                new String[] {"--kubeconfig", "/k/c", "analyze", "--context=prod", "-A", "--as", "jane", "--as-group", "a", "--as-group=b"},
                new String[] {"analyze", "--kubeconfig=/k/c", "-l", "app=web", "--filter", "pod,service", "--context", "dev"},
                new String[] {"audit", "--as=jane", "-n", "shop"});
        for (String[] args : lines) {
            CommandLine cl = Main.newCommandLine();
            cl.parseArgs(args);
            ClusterTarget parsed = ((RootCommand) cl.getCommand()).global().target();
            ClusterTarget guess = ClusterFlags.peek(args);
            assertThat(guess).as(String.join(" ", args)).isNotNull();
            assertThat(List.of(String.valueOf(guess.kubeconfig()), String.valueOf(guess.context()), String.valueOf(guess.asUser()), guess.asGroups()))
                    .as(String.join(" ", args))
                    .isEqualTo(List.of(String.valueOf(parsed.kubeconfig()), String.valueOf(parsed.context()), String.valueOf(parsed.asUser()),
                            parsed.asGroups()));
        }
    }
}
