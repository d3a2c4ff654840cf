package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The launchers' young-generation sizing (scripts/dist/young-gen.sh): only for the snapshot commands,
 * scaled to a smaller -Xmx, left to the user's own options, and accepted by the real JVM as given.
 */
class YoungGenLauncherTest {

    private static final Path SCRIPT = Path.of(System.getProperty("k8sai.repoRoot", "."), "scripts/dist/young-gen.sh");

    /** What k8sai_young_gen prints for {@code args} under the JAVA_TOOL_OPTIONS {@code toolOptions}. */
    private static String youngGen(String toolOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c", ". \"$0\"; k8sai_young_gen \"$@\"", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JDK_JAVA_OPTIONS");
        if (toolOptions == null) {
            pb.environment().remove("JAVA_TOOL_OPTIONS");
        } else {
            pb.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
        }
        return run(pb).strip();
    }

    private static String run(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void snapshotCommandsGetAYoungGenerationThatHoldsALargeRead() throws Exception {
        assertThat(youngGen(null, "analyze", "-f", "snap.json")).isEqualTo("-XX:NewSize=384m -Xlog:gc+ergo=off");
        assertThat(youngGen(null, "--kubeconfig", "k", "audit")).isEqualTo("-XX:NewSize=384m -Xlog:gc+ergo=off");
        assertThat(youngGen("-Xmx512m", "analyze")).isEqualTo("-XX:NewSize=384m -Xlog:gc+ergo=off");
        assertThat(youngGen("-Xmx4g", "analyze")).isEqualTo("-XX:NewSize=384m -Xlog:gc+ergo=off");
    }

    @Test
    void otherCommandsAndTheUsersOwnSizingAreLeftAlone() throws Exception {
        assertThat(youngGen(null, "version")).isEmpty();
        assertThat(youngGen(null, "serve")).isEmpty();
        assertThat(youngGen("-Xmn64m", "analyze")).isEmpty();
        assertThat(youngGen("-Xmx2g -XX:NewRatio=3", "analyze")).isEmpty();
        assertThat(youngGen("-XX:MaxRAMPercentage=50", "analyze")).isEmpty();
    }

    @Test
    void aSmallerHeapGetsThreeQuartersOfIt() throws Exception {
        assertThat(youngGen("-Xmx256m", "analyze")).isEqualTo("-XX:NewSize=192m -Xlog:gc+ergo=off");
        assertThat(youngGen("-XX:MaxHeapSize=262144k", "analyze")).isEqualTo("-XX:NewSize=192m -Xlog:gc+ergo=off");
        assertThat(youngGen("-Xmx1g -Xmx200m", "analyze")).isEqualTo("-XX:NewSize=150m -Xlog:gc+ergo=off");
    }

    @Test
    void theJvmTakesTheSizeWithoutAWarning() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String heap : List.of("-Xmx512m", "-Xmx256m")) {
            String young = youngGen(heap, "analyze");
            List<String> command = new java.util.ArrayList<>(List.of(java, "-XX:+UseSerialGC", heap));
            command.addAll(List.of(young.split(" ")));
            command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            String out = run(pb);
            long expected = Long.parseLong(young.split(" ")[0].replaceAll("\\D", "")) << 20;
            assertThat(out).doesNotContain("warning")
                    .containsPattern("size_t NewSize\\s+= " + expected + "\\s");
        }
    }

    @Test
    void aDefaultHeapTooSmallForItShrinksItWithoutAWarning() throws Exception {
        // a 400 MiB container: the default heap is 100 MiB, which the launcher cannot see
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:MaxRAM=400m"));
        command.addAll(List.of(youngGen(null, "analyze").split(" ")));
        command.add("-version");
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        assertThat(run(pb)).doesNotContain("warning").contains("version");
    }
}
