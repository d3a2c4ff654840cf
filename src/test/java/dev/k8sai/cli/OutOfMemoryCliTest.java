package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.ExitCodes;
import dev.k8sai.mcp.PythonMcp;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot larger than the JVM's heap: one line that names the limit and how to raise it, never a JVM stack trace. */
class OutOfMemoryCliTest {

    @TempDir
    Path tmp;

    @Test
    void aSnapshotLargerThanTheHeapIsOneLineNamingTheLimit() throws Exception {
        // 60,000 ConfigMaps of ~1 KB each: ~66 MB of distinct text that a 64 MiB heap cannot hold
        Path file = tmp.resolve("big.json");
        String data = "x".repeat(1_000);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[");
            for (int i = 0; i < 60_000; i++) {
                out.write((i > 0 ? "," : "") + "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c" + i
                        + "\",\"namespace\":\"n\"},\"data\":{\"k\":\"" + data + i + "\"}}");
            }
            out.write("]}");
        }
        List<String> command = new ArrayList<>(PythonMcp.agentCommand(List.of("analyze", "-f", file.toString(), "-o", "json")));
        command.add(1, "-Xmx64m");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        String err = Files.readString(tmp.resolve("err.txt"));
        assertThat(p.exitValue()).as(err).isEqualTo(ExitCodes.INTERNAL);
        assertThat(err.strip()).as("one line").doesNotContain("\n")
                .startsWith("k8s-ai-agent: out of memory").containsPattern("with a [5-6][0-9] MiB heap")
                .contains("JAVA_TOOL_OPTIONS=-Xmx");
        assertThat(Files.readString(tmp.resolve("out.txt"))).isEmpty();
    }
}
