package dev.k8sai.web;

import dev.k8sai.server.ServeSettings;
import dev.k8sai.server.TestServer;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the browser tests share: one headless Chromium per class (starting it is the slow part), a scripted
 * model server per test, and {@code serve} with writes allowed and one priced profile on that model server.
 */
abstract class BrowserPageTest {

    /** USD-or-whatever per million tokens of the test profile, as configured below. */
    static final double INPUT_PRICE = 0.15;
    static final double OUTPUT_PRICE = 0.6;

    static HeadlessBrowser browser;
    ScriptedLlmServer llm;
    @TempDir
    Path dir;

    @BeforeAll
    static void openBrowser() {
        browser = new HeadlessBrowser();
    }

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }

    @BeforeEach
    void startLlm() {
        llm = ScriptedLlmServer.start();
        llm.models(models());
    }

    @AfterEach
    void stopLlm() {
        llm.close();
    }

    /** What the model server's /models lists. */
    String[] models() {
        return new String[] {"gpt-4o-mini"};
    }

    TestServer server(TestCluster cluster) throws IOException {
        Path config = Files.createDirectories(dir.resolve("config/k8s-ai-agent")).resolve("config.yaml");
        Files.writeString(config, """
                defaultProfile: scripted
                profiles:
                  scripted: {type: openai-compatible, baseUrl: '%s', model: gpt-4o-mini, apiKeyEnv: OPENAI_API_KEY,
                             inputPricePerMillion: %s, outputPricePerMillion: %s}
                """.formatted(llm.baseUrl(), INPUT_PRICE, OUTPUT_PRICE));
        return TestServer.start(dir, cluster.kubeconfig(), s -> new ServeSettings(s.listen(), null, null, s.auth(), false,
                        s.kubeconfig(), null, null, true, false, s.auditLog(),
                        new ServeSettings.Limits(1 << 20, 2, 200_000, Duration.ofMinutes(5), Duration.ofMinutes(2),
                                Duration.ofSeconds(5)), "test"),
                Map.of("OPENAI_API_KEY", "sk-test", "K8S_AI_AGENT_KUBECTL", cluster.kubectlBinary().toString(),
                        "XDG_CONFIG_HOME", dir.resolve("config").toString(), "XDG_CACHE_HOME", dir.resolve("cache").toString()));
    }

    /** A fresh page with no session. */
    static void open(TestServer server) {
        browser.driver.manage().deleteAllCookies();
        browser.driver.get(server.uri("/").toString());
        browser.driver.executeScript("sessionStorage.clear()");
        browser.driver.navigate().refresh();
    }

    /** Signs in by pasting a token, as the page offers. */
    static void signInWithToken(String token) {
        browser.control("API token or JWT").sendKeys(token);
        browser.control("Use token").click();
        browser.await(d -> browser.text("#who").contains("Signed in"));
    }
}
