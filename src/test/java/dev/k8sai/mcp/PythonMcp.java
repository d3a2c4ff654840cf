package dev.k8sai.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The official Python MCP SDK for the tests, from the virtual environment that scripts/mcp-venv.sh
 * makes ({@code $K8S_AI_AGENT_MCP_PYTHON}, else ~/.cache/k8s-ai-agent/mcp-venv/bin/python), and the
 * command that starts this build's {@code k8s-ai-agent} in a child JVM.
 */
public final class PythonMcp {

    public static final ObjectMapper JSON = new ObjectMapper();

    private PythonMcp() {
    }

    public static Path python() {
        String configured = System.getenv("K8S_AI_AGENT_MCP_PYTHON");
        Path p = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "k8s-ai-agent", "mcp-venv", "bin", "python");
        assertThat(p).as("the Python MCP SDK venv; run scripts/mcp-venv.sh (scripts/test.sh and .ci/run do)").isExecutable();
        return p;
    }

    /** Copies a script from src/test/resources/mcp into {@code dir}. */
    public static Path script(Path dir, String name) {
        try (InputStream in = PythonMcp.class.getResourceAsStream("/mcp/" + name)) {
            Path target = dir.resolve(name);
            Files.write(target, in.readAllBytes());
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies one of the MCP client drivers into {@code dir}, with drive_common.py that it imports from beside it. */
    private static Path driver(Path dir, String name) {
        script(dir, "drive_common.py");
        return script(dir, name);
    }

    /** {@code java -cp <this test run's class path> dev.k8sai.cli.Main <args>}: the real CLI in its own process. */
    public static List<String> agentCommand(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        // a short-lived CLI process: start fast rather than peak throughput
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.k8sai.cli.Main");
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Runs drive_server.py: the Python client starts {@code command}, lists tools, makes {@code calls}
     * and answers successive elicitations with {@code elicitation} ("accept"/"decline"; null: the client does not
     * support elicitation).
     */
    static JsonNode drive(Path dir, List<String> command, Map<String, String> env, List<String> elicitation,
                          List<Map<String, Object>> calls)
            throws Exception {
        Path client = driver(dir, "drive_server.py");
        Map<String, Object> spec = new java.util.HashMap<>();
        spec.put("command", command);
        spec.put("env", env);
        spec.put("elicitation", elicitation);
        spec.put("calls", calls);
        Path specFile = Files.createTempFile(dir, "spec", ".json");
        JSON.writeValue(specFile.toFile(), spec);
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(python().toString(), client.toString(), specFile.toString())
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("python client finished").isTrue();
        String err = Files.readString(stderr);
        assertThat(p.exitValue()).as("python client exit; stderr:\n" + err).isZero();
        return JSON.readTree(new String(out, StandardCharsets.UTF_8));
    }

    /** A Python client running drive_http.py against an MCP URL; {@link #result} waits for what it saw. */
    public record HttpClientRun(Process process, Path stderr) {
        public JsonNode result() throws Exception {
            byte[] out = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("python client finished").isTrue();
            String err = Files.readString(stderr);
            assertThat(process.exitValue()).as("python client exit; stderr:\n" + err).isZero();
            return JSON.readTree(new String(out, StandardCharsets.UTF_8));
        }
    }

    /** Starts drive_http.py: the Python SDK's streamable-HTTP client with {@code token} as bearer makes {@code calls} in one session. */
    public static HttpClientRun startHttp(Path dir, String url, String token, List<Map<String, Object>> calls) throws IOException {
        Path client = driver(dir, "drive_http.py");
        Path specFile = Files.createTempFile(dir, "spec", ".json");
        JSON.writeValue(specFile.toFile(), Map.of("url", url, "token", token, "calls", calls));
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(python().toString(), client.toString(), specFile.toString())
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        return new HttpClientRun(p, stderr);
    }

    public static Map<String, Object> call(String tool, Map<String, Object> arguments) {
        return Map.of("tool", tool, "arguments", arguments);
    }
}
