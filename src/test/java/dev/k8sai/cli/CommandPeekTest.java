package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandPeekTest {

    @Test
    void theCommandIsTheFirstWordThatIsNoOptionNorAGlobalOptionsValue() {
        assertThat(CommandPeek.command("analyze", "-f", "x.json")).isEqualTo("analyze");
        assertThat(CommandPeek.command("-n", "audit", "analyze")).isEqualTo("analyze");
        assertThat(CommandPeek.command("--verbose", "--kubeconfig", "k", "-o", "json", "diagnose", "web")).isEqualTo("diagnose");
        assertThat(CommandPeek.command("--", "analyze")).isNull();
        assertThat(CommandPeek.command("-v")).isNull();
        assertThat(CommandPeek.command()).isNull();
    }

    @Test
    void aLineWithoutACommandStartsNothingEarly() {
        // the CLI's own error for these, not an exception before it
        JacksonWarmUp.startFor("--verbose");
        JacksonWarmUp.startFor();
        assertThat(Main.run("--context")).isNotZero();
        assertThat(Main.run("--kubeconfig", "bad\0path", "analyze")).isNotZero();
    }
}
