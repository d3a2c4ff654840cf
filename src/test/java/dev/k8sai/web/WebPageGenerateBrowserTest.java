package dev.k8sai.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.server.TestServer;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The generate view in headless Chromium against {@code serve}, the real API server and the scripted
 * model: a prompt becomes manifests with validation and a diff against the live object; approving applies
 * it (the object appears on the API server), declining the next change leaves it as it was.
 */
@RealCluster
class WebPageGenerateBrowserTest extends BrowserPageTest {


    private static String manifest(String level) {
        return """
                Here it is:
                ```yaml
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: app-settings
                data:
                  LOG_LEVEL: %s
                ```
                """.formatted(level);
    }

    private void generate(String prompt) {
        browser.control("Describe the manifests").clear();
        browser.control("Describe the manifests").sendKeys(prompt);
        browser.control("Generate manifests").click();
        browser.await(d -> !d.findElements(By.cssSelector("#plan .apply-state")).isEmpty());
    }

    @Test
    void aPromptBecomesValidatedManifestsWithADiffAndIsAppliedOnlyWhenApproved(TestCluster cluster, TestNamespace ns)
            throws Exception {
        String n = ns.name();
        llm.reply(manifest("debug"));
        llm.reply(manifest("<img src=x onerror=window.__xss=5>"));
        try (TestServer server = server(cluster)) {
            open(server);
            signInWithToken(server.operatorJwt("olga"));
            browser.control("Generate").click();   // the view's tab
            browser.control("Namespace for the manifests").sendKeys(n);

            generate("a configmap app-settings with LOG_LEVEL=debug");
            assertThat(browser.text("#plan .manifests")).contains("kind: ConfigMap", "LOG_LEVEL: debug");
            assertThat(browser.text("#plan .validity")).isEqualTo("valid · checked by the API server (dry run)");
            assertThat(browser.text("#plan .diff summary")).isEqualTo("ConfigMap/" + n + "/app-settings (new)");
            assertThat(browser.text("#plan .apply-state")).startsWith("waiting for approval until ");
            assertThat(configMap(cluster, n)).as("nothing applied before approval").isNull();

            browser.control("Approve and apply").click();
            awaitApplyState("applied");
            assertThat(browser.text("#plan .apply-state")).isEqualTo("applied by olga");
            assertThat(browser.text("#plan .apply-results")).isEqualTo("ConfigMap/" + n + "/app-settings: created");
            assertThat(configMap(cluster, n).getData()).containsEntry("LOG_LEVEL", "debug");

            // the next plan changes the live object: the diff shows the line that goes and the one that comes
            generate("set LOG_LEVEL to something odd");
            assertThat(browser.text("#plan .diff summary")).isEqualTo("ConfigMap/" + n + "/app-settings (changed)");
            assertThat(lines("#plan .diff pre .del")).anySatisfy(l -> assertThat(l).matches("-\\s*LOG_LEVEL: debug"));
            assertThat(lines("#plan .diff pre .add")).anySatisfy(l -> assertThat(l).contains("LOG_LEVEL:", "<img src=x onerror=window.__xss=5>"));
            assertThat(browser.text("#plan .manifests")).contains("<img src=x onerror=window.__xss=5>");
            browser.screenshot("generate");
            browser.control("Do not apply").click();
            awaitApplyState("denied");
            assertThat(configMap(cluster, n).getData()).as("declined: unchanged").containsEntry("LOG_LEVEL", "debug");
            assertThat(browser.driver.findElements(By.cssSelector("#plan img, #plan script"))).isEmpty();
            assertThat((Object) browser.driver.executeScript("return window.__xss === undefined")).isEqualTo(true);
        }
    }

    private static io.fabric8.kubernetes.api.model.ConfigMap configMap(TestCluster cluster, String namespace) {
        return cluster.client().configMaps().inNamespace(namespace).withName("app-settings").get();
    }

    private static void awaitApplyState(String state) {
        try {
            browser.await(d -> browser.text("#plan .apply-state").startsWith(state));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("apply state is '" + browser.text("#plan .apply-state") + "', not " + state
                    + "; the plan shows: " + browser.text("#plan"), e);
        }
    }

    private static java.util.List<String> lines(String css) {
        return browser.driver.findElements(By.cssSelector(css)).stream().map(e -> e.getText().strip()).toList();
    }
}
