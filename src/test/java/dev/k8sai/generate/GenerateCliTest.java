package dev.k8sai.generate;

import dev.k8sai.testing.llm.ScriptedLlmServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Common state of the generate command tests: a scripted LLM server and a folder for the config file. */
abstract class GenerateCliTest {

    static final String GOOD = ManifestValidatorTest.GOOD;

    @TempDir
    Path dir;

    /** A fresh server per test: JUnit makes a new instance of the class for each test method. */
    final ScriptedLlmServer server = ScriptedLlmServer.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** The config file pointing at {@link #server}. */
    String config() {
        return GenerateCli.config(dir, server).toString();
    }
}
