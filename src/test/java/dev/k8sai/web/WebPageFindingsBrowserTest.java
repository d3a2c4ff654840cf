package dev.k8sai.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.server.TestServer;
import dev.k8sai.testing.cluster.Fixtures;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The findings and audit views in headless Chromium against {@code serve}, the real API server and the
 * scripted model: filter, count, sort, charts, a finding's evidence and its explanation on demand; the
 * Pod Security table and the SARIF download.
 */
@RealCluster
class WebPageFindingsBrowserTest extends BrowserPageTest {

    static final String HOSTILE_CAUSE = "It says <img src=x onerror=window.__xss=3> and <script>window.__xss=4</script>";

    static final String HOSTILE_EVENT = "<img src=x onerror=window.__xss=6>";


    @Test
    void findingsFilterSortChartAndOpenEvidenceAndAnExplanationAsText(TestCluster cluster, TestNamespace ns) throws Exception {
        ns.applyResource("fixtures/crashloop-pod.yaml");
        // a Warning event is the pod finding's evidence; its message carries markup that must stay text
        cluster.client().v1().events().inNamespace(ns.name()).resource(new io.fabric8.kubernetes.api.model.EventBuilder()
                .withNewMetadata().withName("payments-backoff").endMetadata()
                .withNewInvolvedObject().withKind("Pod").withNamespace(ns.name()).withName("payments-7c9d-x2x").endInvolvedObject()
                .withType("Warning").withReason("BackOff").withMessage("Back-off restarting " + HOSTILE_EVENT).withCount(3)
                .build()).create();
        String other = ns.name() + "-b";
        cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName(other).endMetadata().build()).create();
        llm.reply("```json\n[{\"id\": 1, \"cause\": \"" + HOSTILE_CAUSE + "\", \"fix\": \"Read the logs.\"}]\n```");
        try (TestServer server = server(cluster)) {
            try (var in = WebPageFindingsBrowserTest.class.getClassLoader().getResourceAsStream("fixtures/crashloop-pod.yaml")) {
                Fixtures.apply(cluster.client(), other, in);
            }
            String operator = server.operatorJwt("olga");
            open(server);
            signInWithToken(operator);
            browser.control("Findings").click();
            browser.control("Analyze").click();
            browser.await(d -> browser.text("#findings-status").contains("shown"));
            // the API's answer for the same cluster state as the page's (fixture events keep arriving)
            JsonNode all = TestServer.json(server.post("/api/v1/analyze", operator, "{\"allNamespaces\":true}"));
            List<JsonNode> mine = StreamSupport.stream(all.path("findings").spliterator(), false)
                    .filter(f -> f.path("namespace").asText().equals(ns.name())).toList();
            assertThat(mine).as("the fixture has findings").isNotEmpty();
            assertThat(all.path("findings").size()).as("other namespaces have findings too").isGreaterThan(mine.size());

            // other test classes' namespaces may come and go meanwhile: only this test's namespaces are compared exactly
            assertThat(rows()).hasSizeGreaterThan(mine.size());
            assertThat(chart("Findings per namespace")).contains(ns.name() + ": " + mine.size(), other + ": ");

            new Select(browser.control("Filter by namespace")).selectByVisibleText(ns.name());
            assertThat(rows()).as(all.toString()).hasSize(mine.size());
            assertThat(browser.driver.findElements(By.cssSelector("#findings-table tbody tr.finding td:nth-child(3)")))
                    .allSatisfy(td -> assertThat(td.getText()).isEqualTo(ns.name()));
            long critical = mine.stream().filter(f -> f.path("severity").asText().equals("critical")).count();
            assertThat(browser.text("#severity-counts")).contains("critical: " + critical);
            assertThat(chart("Findings per namespace")).isEqualTo("Findings per namespace — " + ns.name() + ": " + mine.size());
            assertThat(chart("Findings per analyzer")).contains(mine.getFirst().path("analyzer").asText() + ": ");

            browser.control("Name").sendKeys(Keys.ENTER);   // sort by name from the keyboard
            assertThat(browser.driver.findElement(By.cssSelector("th[data-key=name]")).getAttribute("aria-sort")).isEqualTo("ascending");
            assertThat(column(4)).isSortedAccordingTo(Comparator.naturalOrder());
            browser.control("Name").sendKeys(Keys.ENTER);
            assertThat(browser.driver.findElement(By.cssSelector("th[data-key=name]")).getAttribute("aria-sort")).isEqualTo("descending");
            assertThat(column(4)).isSortedAccordingTo(Comparator.reverseOrder());

            JsonNode f = mine.stream().filter(x -> x.path("reason").asText().equals("CrashLoopBackOff")).findFirst().orElseThrow();
            String label = f.path("kind").asText() + " " + ns.name() + "/" + f.path("name").asText() + ": " + f.path("reason").asText();
            browser.control("Evidence of " + label).sendKeys(Keys.ENTER);
            browser.await(d -> !d.findElements(By.cssSelector("#findings-table tr.detail")).isEmpty());
            List<String> evidence = browser.driver.findElements(By.cssSelector("#findings-table tr.detail .evidence li")).stream()
                    .map(WebElement::getText).toList();
            List<String> expected = new ArrayList<>();
            f.path("evidence").forEach(e -> expected.add(e.asText()));
            assertThat(evidence).isEqualTo(expected).contains("event BackOff x3: Back-off restarting " + HOSTILE_EVENT);

            assertThat(llm.chatRequests()).as("nothing is explained until asked").isEmpty();
            browser.control("Explain " + label).click();
            browser.await(d -> browser.text("#findings-table tr.detail .explanation").contains("Read the logs."));
            assertThat(browser.text("#findings-table tr.detail .explanation")).contains(HOSTILE_CAUSE);
            assertThat(String.join("\n", ScriptedLlmServer.messageContents(llm.chatRequests().getFirst())))
                    .contains(f.path("message").asText());
            assertThat(browser.driver.findElements(By.cssSelector("#findings img, #findings script"))).isEmpty();
            assertThat((Object) browser.driver.executeScript("return window.__xss === undefined")).isEqualTo(true);
            browser.screenshot("findings");
        } finally {
            cluster.client().namespaces().withName(other).delete();
        }
    }

    @Test
    void auditShowsThePodSecurityTableAndDownloadsSarif(TestCluster cluster, TestNamespace ns) throws Exception {
        ns.applyResource("fixtures/crashloop-pod.yaml");
        Path sarif = HeadlessBrowser.DOWNLOADS.resolve("k8s-ai-agent-audit.sarif");
        Files.deleteIfExists(sarif);
        try (TestServer server = server(cluster)) {
            String viewer = server.viewerJwt("vera");
            open(server);
            signInWithToken(viewer);
            browser.control("Audit").click();
            browser.control("Namespace to audit").sendKeys(ns.name());
            browser.control("Run audit").sendKeys(Keys.ENTER);
            browser.await(d -> browser.text("#audit-status").contains("workloads"));
            JsonNode api = TestServer.json(server.post("/api/v1/audit", viewer,
                    "{\"namespace\":\"" + ns.name() + "\",\"level\":\"restricted\"}"));
            List<WebElement> rows = browser.driver.findElements(By.cssSelector("#pss-table tbody tr"));
            assertThat(rows).hasSize(api.path("workloads").size()).isNotEmpty();
            JsonNode first = api.path("workloads").get(0);
            assertThat(rows.getFirst().getText()).contains(first.path("name").asText(), first.path("level").asText());
            assertThat(browser.driver.findElements(By.cssSelector("#audit-table tbody tr"))).hasSize(api.path("findings").size());
            browser.screenshot("audit");

            browser.control("Download SARIF").click();
            browser.await(d -> Files.exists(sarif) && browser.text("#audit-status").startsWith("SARIF downloaded"));
            JsonNode doc = TestServer.JSON.readTree(Files.readString(sarif));
            assertThat(doc.path("version").asText()).isEqualTo("2.1.0");
            assertThat(doc.path("runs").get(0).path("results").size()).isEqualTo(api.path("findings").size());
        }
    }

    private static List<WebElement> rows() {
        return browser.driver.findElements(By.cssSelector("#findings-table tbody tr.finding"));
    }

    private static List<String> column(int n) {
        return browser.driver.findElements(By.cssSelector("#findings-table tbody tr.finding td:nth-child(" + n + ")")).stream()
                .map(WebElement::getText).toList();
    }

    private static String chart(String title) {
        return browser.driver.findElements(By.cssSelector("#findings-charts svg")).stream()
                .map(s -> s.getAttribute("aria-label")).filter(l -> l.startsWith(title)).findFirst().orElseThrow();
    }
}
