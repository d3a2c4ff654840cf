package dev.k8sai.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.server.TestServer;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The generate view in headless Chromium against {@code serve}, the real API server and the scripted
 * model: a prompt becomes manifests with validation and a diff against the live object; approving applies
 * it (the object changes on the API server), declining leaves the cluster as it was.
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
        cluster.client().configMaps().inNamespace(n).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("app-settings").endMetadata().withData(Map.of("LOG_LEVEL", "info")).build()).create();
        llm.reply(manifest("debug"));
        llm.reply(manifest("<img src=x onerror=window.__xss=5>"));
        try (TestServer server = server(cluster)) {
            open(server);
            signInWithToken(server.operatorJwt("olga"));
            browser.control("Generate").click();   // the view's tab
            browser.control("Namespace for the manifests").sendKeys(n);

            generate("set LOG_LEVEL to debug in app-settings");
            assertThat(browser.text("#plan .manifests")).contains("kind: ConfigMap", "LOG_LEVEL: debug");
            assertThat(browser.text("#plan .validity")).isEqualTo("valid · checked by the API server (dry run)");
            assertThat(browser.text("#plan .diff summary")).isEqualTo("ConfigMap/" + n + "/app-settings (changed)");
            assertThat(lines("#plan .diff pre .del")).anySatisfy(l -> assertThat(l).matches("-\\s*LOG_LEVEL: info"));
            assertThat(lines("#plan .diff pre .add")).anySatisfy(l -> assertThat(l).matches("\\+\\s*LOG_LEVEL: debug"));
            assertThat(browser.text("#plan .apply-state")).startsWith("waiting for approval until ");
            assertThat(cluster.client().configMaps().inNamespace(n).withName("app-settings").get().getData())
                    .as("nothing applied before approval").containsEntry("LOG_LEVEL", "info");
            browser.screenshot("generate");

            browser.control("Approve and apply").click();
            browser.await(d -> browser.text("#plan .apply-state").startsWith("applied"));
            assertThat(browser.text("#plan .apply-state")).isEqualTo("applied by olga");
            assertThat(browser.text("#plan .apply-results")).contains("ConfigMap/" + n + "/app-settings");
            assertThat(cluster.client().configMaps().inNamespace(n).withName("app-settings").get().getData())
                    .containsEntry("LOG_LEVEL", "debug");

            generate("now something odd");
            assertThat(browser.text("#plan .manifests")).contains("<img src=x onerror=window.__xss=5>");
            browser.control("Do not apply").click();
            browser.await(d -> browser.text("#plan .apply-state").startsWith("denied"));
            assertThat(cluster.client().configMaps().inNamespace(n).withName("app-settings").get().getData())
                    .as("declined: unchanged").containsEntry("LOG_LEVEL", "debug");
            assertThat(browser.driver.findElements(By.cssSelector("#plan img, #plan script"))).isEmpty();
            assertThat((Object) browser.driver.executeScript("return window.__xss === undefined")).isEqualTo(true);
        }
    }

    private static java.util.List<String> lines(String css) {
        return browser.driver.findElements(By.cssSelector(css)).stream().map(e -> e.getText().strip()).toList();
    }
}
