package dev.k8sai.testing.llm;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test whose model is the scripted LLM server: a fresh {@link #server} for each test, closed after it,
 * and a scratch directory {@link #tmp}. A subclass's own {@code @BeforeEach} runs after the server is up,
 * so it may write a config that names {@code server.baseUrl()}.
 */
public abstract class ScriptedLlmTest {

    protected ScriptedLlmServer server;
    @TempDir
    protected Path tmp;

    @BeforeEach
    final void startScriptedLlm() {
        server = ScriptedLlmServer.start();
    }

    @AfterEach
    final void stopScriptedLlm() {
        server.close();
    }
}
