package dev.k8sai.server;

import dev.k8sai.testing.llm.ScriptedLlmServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Server tests whose model is the scripted LLM server: a fresh one per test, and a scratch directory. */
abstract class ScriptedModelTest {

    protected ScriptedLlmServer llm;
    @TempDir
    protected Path dir;

    @BeforeEach
    void startLlm() {
        llm = ScriptedLlmServer.start();
    }

    @AfterEach
    void stopLlm() {
        llm.close();
    }
}
