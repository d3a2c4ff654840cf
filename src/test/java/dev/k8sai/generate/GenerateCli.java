package dev.k8sai.generate;

import dev.k8sai.cli.Main;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Runs `k8s-ai-agent generate …` in-process through {@link Main#newCommandLine()} (Main's own error handling),
 * with a config file whose only profile is an OpenAI-compatible endpoint at a {@link ScriptedLlmServer}: the
 * production LLM client and HTTP path, nothing injected.
 */
final class GenerateCli {

    record Run(int exitCode, String out, String err) { }

    private GenerateCli() {
    }

    /** A config file in {@code dir} pointing at {@code server}; no retries so error tests stay fast. */
    static Path config(Path dir, ScriptedLlmServer server) {
        Path file = dir.resolve("k8s-ai-agent.yaml");
        try {
            Files.writeString(file, """
                    defaultProfile: scripted
                    profiles:
                      scripted:
                        type: openai-compatible
                        baseUrl: "%s"
                        model: test-model
                        apiKey: sk-test
                        maxRetries: 0
                    """.formatted(server.baseUrl()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static Run run(String... args) {
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** The reply text of a model that talks around its YAML, as chat models do. */
    static String fenced(String yaml) {
        return ScriptedLlm.fenced(yaml);
    }
}
