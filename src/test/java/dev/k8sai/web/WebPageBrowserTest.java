package dev.k8sai.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.llm.ToolCall;
import dev.k8sai.server.TestServer;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * The page in a real headless Chromium against {@code serve} on loopback, the real API server and
 * kubectl, and the scripted model: sign in, pick and switch models, chat, dry run, approve and deny
 * writes, a viewer's limits and hostile text.
 */
@RealCluster
class WebPageBrowserTest extends BrowserPageTest {

    static final String POD = "payments-7c9d-x2x";
    static final String HOSTILE = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";

    @Override
    String[] models() {
        return new String[] {"gpt-4o-mini", "gpt-4o", "gpt-4.1"};
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
            String usage = browser.text("#transcript .turn:nth-child(1) .usage");
            assertThat(usage).startsWith("answered by scripted/gpt-4.1 · tokens: ");
            var numbers = java.util.regex.Pattern.compile("tokens: (\\d+) in, (\\d+) out · cost (\\d+\\.\\d{6})").matcher(usage);
            assertThat(numbers.find()).as(usage).isTrue();
            double cost = (Long.parseLong(numbers.group(1)) * INPUT_PRICE
                    + Long.parseLong(numbers.group(2)) * OUTPUT_PRICE) / 1e6;
            assertThat(numbers.group(3)).isEqualTo(String.format(java.util.Locale.ROOT, "%.6f", cost));

            // switch the model mid-chat: the same conversation goes on with gpt-4o
            new Select(browser.control("Model")).selectByVisibleText("gpt-4o");
            int sentBefore = llm.chatRequests().size();
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
            var switched = llm.chatRequests().get(sentBefore);
            assertThat(switched.json().path("model").asText()).isEqualTo("gpt-4o");
            assertThat(ScriptedLlmServer.messageContents(switched)).as("the conversation goes on")
                    .contains("which pods are there?", "mark it as reviewed");
            assertThat(browser.text("#transcript .turn:nth-child(2) .switched")).isEqualTo("model switched for this conversation");
            assertThat(browser.text("#transcript .turn:nth-child(2) .usage")).startsWith("answered by scripted/gpt-4o · tokens: ");

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
            // the namespace field offers the namespaces the API lists, and the server's context is shown
            browser.await(d -> !browser.driver.findElements(By.cssSelector("#namespace-list option[value='" + n + "']")).isEmpty());
            assertThat(browser.text("#cluster-context")).startsWith("Cluster context: ")
                    .contains(TestServer.json(server.get("/api/v1/namespaces", viewer)).path("context").asText());
            browser.control("Namespace").sendKeys(n);

            // a dry run shows the prompt and its token estimate and sends nothing
            browser.control("Dry run: show the prompt and its token estimate, send nothing").sendKeys(Keys.SPACE);
            ask("how many pods are there?");
            browser.await(d -> !d.findElements(By.cssSelector("#transcript .dry-run-summary")).isEmpty());
            assertThat(browser.text("#transcript .dry-run-summary")).matches(
                    "Dry run: 1 request\\(s\\) to scripted \\(model gpt-4o-mini\\), estimated input tokens: [1-9]\\d+ \\(.+\\); nothing was sent\\.");
            assertThat(browser.text("#transcript .dry-run .prompt pre")).contains("how many pods are there?", n);
            assertThat(llm.chatRequests()).as("a dry run sends nothing").isEmpty();
            browser.control("Dry run: show the prompt and its token estimate, send nothing").click();
            browser.control("New conversation").click();

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
}
