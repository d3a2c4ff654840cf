package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SnapshotFileFlagTest {

    @Test
    void theFileOfAnalyzeOrAuditInEveryFlagForm() {
        assertThat(SnapshotFileFlag.peek("analyze", "-f", "snap.json", "-o", "json")).isEqualTo(Path.of("snap.json"));
        assertThat(SnapshotFileFlag.peek("--verbose", "audit", "--file", "a/b.yaml")).isEqualTo(Path.of("a/b.yaml"));
        assertThat(SnapshotFileFlag.peek("analyze", "--file=x.json")).isEqualTo(Path.of("x.json"));
        assertThat(SnapshotFileFlag.peek("--kubeconfig", "k", "--context", "c", "analyze", "-f", "x.json")).isEqualTo(Path.of("x.json"));
    }

    @Test
    void noGuessForStdinOtherCommandsOrNoFile() {
        assertThat(SnapshotFileFlag.peek("analyze", "-f", "-")).isNull();
        assertThat(SnapshotFileFlag.peek("generate", "-f", "x.json")).isNull();
        assertThat(SnapshotFileFlag.peek("analyze", "-n", "shop")).isNull();
        assertThat(SnapshotFileFlag.peek("analyze", "-f")).isNull();
        assertThat(SnapshotFileFlag.peek("analyze", "--", "-f", "x.json")).isNull();
        assertThat(SnapshotFileFlag.peek("analyze", "-f", "bad\0name")).isNull();
    }
}
