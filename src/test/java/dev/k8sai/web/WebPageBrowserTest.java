package dev.k8sai.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.llm.ToolCall;
import dev.k8sai.server.ServeSettings;
import dev.k8sai.server.TestServer;
import dev.k8sai.testing.cluster.Fixtures;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * The page in a real headless Chromium against {@code serve} on loopback, the real API server and
 * kubectl, and the scripted model: sign in, pick a model, chat, approve and deny writes, findings,
 * a viewer's limits and hostile text. One browser for the class (starting Chromium is the slow part).
 */
@RealCluster
class WebPageBrowserTest {

    static final String POD = "payments-7c9d-x2x";
    static final String HOSTILE = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";

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
        llm.models("gpt-4o-mini", "gpt-4o", "gpt-4.1");
    }

    @AfterEach
    void stopLlm() {
        llm.close();
    }

    private TestServer server(TestCluster cluster) throws IOException {
        return TestServer.start(dir, cluster.kubeconfig(), s -> new ServeSettings(s.listen(), null, null, s.auth(), false,
                        s.kubeconfig(), null, null, true, false, s.auditLog(),
                        new ServeSettings.Limits(1 << 20, 2, 200_000, Duration.ofMinutes(5), Duration.ofMinutes(2),
                                Duration.ofSeconds(5)), "test"),
                Map.of("OPENAI_BASE_URL", llm.baseUrl(), "OPENAI_API_KEY", "sk-test",
                        "K8S_AI_AGENT_KUBECTL", cluster.kubectlBinary().toString(),
                        "XDG_CONFIG_HOME", dir.resolve("config").toString()));
    }

    private void open(TestServer server) {
        browser.driver.manage().deleteAllCookies();
        browser.driver.get(server.uri("/").toString());
        browser.driver.executeScript("sessionStorage.clear()");
        browser.driver.navigate().refresh();
    }

    private void ask(String question) {
        browser.control("Question").sendKeys(question);
        browser.control("Send").click();
    }

    /** Waits until {@code n} turns of the conversation have finished. */
    private void awaitTurnsDone(int n) {
        browser.await(d -> d.findElements(By.cssSelector("#transcript .done")).size() >= n);
    }

    @Test
    void operatorSignsInPicksAModelChatsAndApprovesOneWriteAndDeniesAnother(TestCluster cluster, TestNamespace ns)
            throws Exception {
        ns.applyResource("fixtures/crashloop-pod.yaml");
        String n = ns.name();
        llm.toolCalls(new ToolCall("call_1", "kubectl", "{\"command\": \"kubectl get pods -n " + n + " -o name\"}"));
        llm.replyFragments("**One pod** is listed:\n\n", "| pod | state |\n|---|---|\n| `" + POD + "` | crash loop |\n");
        llm.toolCalls(new ToolCall("call_2", "kubectl", "{\"command\": \"kubectl label pod " + POD + " -n " + n + " reviewed=yes\"}"));
        llm.reply("Labelled.");
        llm.toolCalls(new ToolCall("call_3", "kubectl", "{\"command\": \"kubectl delete pod " + POD + " -n " + n + "\"}"));
        llm.reply("Not deleted.");
        try (TestServer server = server(cluster)) {
            open(server);
            browser.control("User name").sendKeys("alice");
            browser.control("Password").sendKeys("alice-password", Keys.ENTER);   // the keyboard submits the form
            browser.await(d -> browser.text("#who").contains("alice"));
            assertThat(browser.text("#who")).contains("role: operator");

            List<String> offered = browser.await(d -> {
                List<String> options = new Select(browser.control("Model")).getOptions().stream()
                        .map(o -> o.getText()).toList();
                return options.contains("gpt-4.1") ? options : null;
            });
            assertThat(offered).contains("gpt-4o-mini", "gpt-4o", "gpt-4.1");
            new Select(browser.control("Model")).selectByVisibleText("gpt-4.1");
            browser.control("Namespace").sendKeys(n);

            ask("which pods are there?");
            awaitTurnsDone(1);
            assertThat(llm.chatRequests().getFirst().json().path("model").asText()).isEqualTo("gpt-4.1");
            assertThat(browser.text("#transcript .step .command")).isEqualTo("kubectl get pods -n " + n + " -o name");
            assertThat(browser.text("#transcript .answer strong")).isEqualTo("One pod");
            assertThat(browser.text("#transcript .answer table td code")).isEqualTo(POD);
            assertThat(browser.text("#transcript .turn .meta")).contains("gpt-4.1");

            ask("mark it as reviewed");
            browser.await(d -> !browser.controls("Approve").isEmpty());
            assertThat(browser.text("#transcript .approval")).contains("kubectl label pod " + POD + " -n " + n + " reviewed=yes")
                    .contains("Namespace\n" + n).contains("Why it is a change");
            browser.screenshot("chat-approval");
            browser.control("Approve").click();
            awaitTurnsDone(2);
            assertThat(cluster.client().pods().inNamespace(n).withName(POD).get().getMetadata().getLabels())
                    .containsEntry("reviewed", "yes");
            assertThat(browser.text("#transcript .turn:nth-child(2) .approval .state")).startsWith("approved by alice");

            ask("delete it");
            browser.await(d -> browser.controls("Deny").stream().anyMatch(b -> b.isEnabled()));
            browser.control("Deny").click();
            awaitTurnsDone(3);
            assertThat(cluster.client().pods().inNamespace(n).withName(POD).get()).as("denied: still there").isNotNull();
            assertThat(browser.text("#transcript .turn:nth-child(3) .approval .state")).startsWith("denied by alice");
            browser.screenshot("chat");

            browser.control("Log out").click();
            browser.await(d -> browser.driver.findElement(By.id("login")).isDisplayed());
            assertThat((Object) browser.driver.executeScript("return sessionStorage.length + localStorage.length")).isEqualTo(0L);
        }
    }

    @Test
    void viewerGetsNoApproveButtonAForgedApproveIsRefusedAndHostileTextStaysText(TestCluster cluster, TestNamespace ns)
            throws Exception {
        ns.applyResource("fixtures/crashloop-pod.yaml");
        String n = ns.name();
        cluster.client().pods().inNamespace(n).withName(POD).edit(p -> {
            p.getMetadata().setAnnotations(Map.of("note", HOSTILE));
            return p;
        });
        llm.toolCalls(new ToolCall("call_1", "kubectl", "{\"command\": \"kubectl get pod " + POD + " -n " + n + " -o yaml\"}"));
        llm.reply("The note says **" + HOSTILE + "** and `" + HOSTILE + "`\n\n" + HOSTILE);
        llm.toolCalls(new ToolCall("call_2", "kubectl", "{\"command\": \"kubectl delete pod " + POD + " -n " + n + "\"}"));
        llm.reply("I may not delete it.");
        // an operator's pending change, for the viewer to try to approve
        llm.toolCalls(new ToolCall("call_3", "kubectl", "{\"command\": \"kubectl delete pod " + POD + " -n " + n + "\"}"));
        llm.reply("Deleted.");
        try (TestServer server = server(cluster)) {
            String viewer = server.viewerJwt("vera");
            open(server);
            browser.control("API token or JWT").sendKeys(viewer);
            browser.control("Use token").click();
            browser.await(d -> browser.text("#who").contains("role: viewer"));
            browser.control("Namespace").sendKeys(n);

            ask("what does the note on the pod say?");
            awaitTurnsDone(1);
            String shown = browser.text("#transcript");
            assertThat(shown).contains(HOSTILE);   // as text, in the answer and in the kubectl output
            assertThat(browser.driver.findElements(By.cssSelector("#transcript img, #transcript script"))).isEmpty();
            assertThat((Object) browser.driver.executeScript("return window.__xss === undefined")).isEqualTo(true);

            ask("delete the pod");
            awaitTurnsDone(2);
            assertThat(browser.text("#transcript .turn:nth-child(2) .step")).contains("(refused)");
            assertThat(browser.controls("Approve")).isEmpty();
            assertThat(cluster.client().pods().inNamespace(n).withName(POD).get()).isNotNull();
            browser.screenshot("viewer");

            String operator = server.operatorJwt("olga");
            server.post("/api/v1/runs", operator, "{\"kind\":\"execute\",\"message\":\"delete it\",\"namespace\":\"" + n + "\"}");
            String approvalId = awaitPendingApproval(server, operator);
            Object status = browser.driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/api/v1/approvals/' + arguments[0], {method: 'POST', headers: {
                      'Content-Type': 'application/json', Authorization: 'Bearer ' + sessionStorage.getItem('k8sai.token')},
                      body: JSON.stringify({decision: 'approve'})}).then(r => done(r.status));
                    """, approvalId);
            assertThat(status).isEqualTo(403L);
            assertThat(cluster.client().pods().inNamespace(n).withName(POD).get()).as("the forged approve did nothing").isNotNull();
            server.post("/api/v1/approvals/" + approvalId, operator, "{\"decision\":\"deny\"}");
        }
    }

    private static String awaitPendingApproval(TestServer server, String bearer) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            for (JsonNode a : TestServer.json(server.get("/api/v1/approvals", bearer)).path("approvals")) {
                if (a.path("state").asText().equals("pending")) {
                    return a.path("id").asText();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no pending approval");
    }

    @Test
    void findingsFilteredByNamespaceCountAsManyRowsAsTheApiReturns(TestCluster cluster, TestNamespace ns) throws Exception {
        ns.applyResource("fixtures/crashloop-pod.yaml");
        String other = ns.name() + "-b";
        cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName(other).endMetadata().build()).create();
        try (TestServer server = server(cluster)) {
            try (var in = WebPageBrowserTest.class.getClassLoader().getResourceAsStream("fixtures/crashloop-pod.yaml")) {
                Fixtures.apply(cluster.client(), other, in);
            }
            String operator = server.operatorJwt("olga");
            open(server);
            browser.control("API token or JWT").sendKeys(operator);
            browser.control("Use token").click();
            browser.control("Findings").click();
            browser.control("Analyze").click();
            browser.await(d -> browser.text("#findings-status").contains("shown"));
            // the API's answer for the same cluster state as the page's (fixture events keep arriving)
            JsonNode all = TestServer.json(server.post("/api/v1/analyze", operator, "{\"allNamespaces\":true}"));
            long inNs = StreamSupport.stream(all.path("findings").spliterator(), false)
                    .filter(f -> f.path("namespace").asText().equals(ns.name())).count();
            assertThat(inNs).as("the fixture has findings").isPositive();
            assertThat(all.path("findings").size()).as("other namespaces have findings too").isGreaterThan((int) inNs);

            // other test classes' namespaces may come and go meanwhile: only this test's namespaces are compared exactly
            assertThat(rows()).isGreaterThan(inNs);

            new Select(browser.control("Filter by namespace")).selectByVisibleText(ns.name());
            assertThat(rows()).as(all.toString()).isEqualTo(inNs);
            assertThat(browser.driver.findElements(By.cssSelector("#findings-table tbody td:nth-child(3)")))
                    .allSatisfy(td -> assertThat(td.getText()).isEqualTo(ns.name()));
            assertThat(browser.text("#severity-counts")).contains("critical: ");

            browser.control("Name").sendKeys(Keys.ENTER);   // sort by name from the keyboard
            assertThat(browser.driver.findElement(By.cssSelector("th[data-key=name]")).getAttribute("aria-sort"))
                    .isEqualTo("ascending");
            browser.screenshot("findings");
        } finally {
            cluster.client().namespaces().withName(other).delete();
        }
    }

    private static long rows() {
        return browser.driver.findElements(By.cssSelector("#findings-table tbody tr")).size();
    }
}
