package dev.k8sai.testing.llm;

import dev.k8sai.testing.cluster.TestCluster;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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

    /**
     * The environment of a command or use case under test: the model at {@code server} with a test key,
     * kubectl from the test cluster's binaries, configuration and state under {@code home} (never the
     * user's). Mutable, for a test's additions.
     */
    public static Map<String, String> env(ScriptedLlmServer server, TestCluster cluster, Path home) {
        return new HashMap<>(Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test",
                "K8S_AI_AGENT_KUBECTL", cluster.kubectlBinary().toString(),
                "XDG_CONFIG_HOME", home.toString(), "XDG_STATE_HOME", home.resolve("state").toString()));
    }

    /** {@link #env(ScriptedLlmServer, TestCluster, Path)} of this test's server, under {@link #tmp}/config. */
    protected Map<String, String> env(TestCluster cluster) {
        return env(server, cluster, tmp.resolve("config"));
    }
}
