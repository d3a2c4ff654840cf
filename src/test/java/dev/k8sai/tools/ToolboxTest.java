package dev.k8sai.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.tools.ChangeGuard.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tools end to end against a fake kubectl script (no cluster needed). */
class ToolboxTest {

    @TempDir
    Path dir;
    Path kubectl;
    final List<String> asked = new ArrayList<>();
    int calls;

    @BeforeEach
    void setUp() throws IOException {
        kubectl = executable("kubectl", ObservationCompactorTest.resource("fake-kubectl.sh"));
        Files.writeString(dir.resolve("pods.json"), ObservationCompactorTest.podList(30));
    }

    private Path executable(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private Toolbox toolbox(Policy policy, boolean confirm, Duration timeout, int maxBytes, ObservationRedactor redactor) {
        ChangeGuard guard = ChangeGuard.asking(policy, q -> {
            asked.add(q);
            return confirm;
        });
        KubectlSettings s = new KubectlSettings(kubectl, Path.of("/cfg/kubeconfig"), "ctx-a", timeout, maxBytes);
        return new Toolbox(List.of(new KubectlTool(new Pipeline(s, guard, redactor)), new JqTool(), new TrivyTool(Optional.empty(), Duration.ofSeconds(5)),
                new PythonTool(false, guard, null, null)), new ObservationCompactor(CompactionSettings.DEFAULT, redactor));
    }

    private Toolbox toolbox(Policy policy) {
        return toolbox(policy, false, Duration.ofSeconds(10), 1 << 20, ObservationRedactor.identity());
    }

    private static Observation kubectl(Toolbox t, String command) {
        String json = "{\"command\":" + new com.fasterxml.jackson.databind.node.TextNode(command) + "}";
        return t.invoke(new ToolInvocation("call-1", "kubectl", json));
    }

    private List<String> callLog() throws IOException {
        Path log = dir.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void runsWithAPrivateReadOnlyCopyOfTheSessionsKubeconfig() throws IOException {
        Observation o = kubectl(toolbox(Policy.ASK), "kubectl get kubeconfig-check");
        List<String> lines = o.text().lines().toList();
        Path copy = Path.of(lines.getFirst().replaceAll("^KUBECONFIG=(\\S+) .*", "$1"));
        assertThat(lines.getFirst()).endsWith(" KUBERC=off");
        assertThat(copy).isNotEqualTo(Path.of("/cfg/kubeconfig")).doesNotExist(); // deleted when kubectl ended
        assertThat(lines.subList(1, 3)).containsExactly("400", "700");
        // made by kubectl config view --minify --flatten of the user's kubeconfig and context
        assertThat(lines.get(3)).contains("\"current-context\":\"ctx-a\"")
                .contains("--kubeconfig=/cfg/kubeconfig --context=ctx-a");
        Observation again = kubectl(toolbox(Policy.ASK), "kubectl get kubeconfig-check");
        assertThat(again.text().lines().findFirst().orElseThrow()).as("a fresh copy per command").doesNotContain(copy.toString());
    }

    @Test
    void passesTheModelsArgumentsAsTheyAre() throws IOException {
        Observation o = kubectl(toolbox(Policy.ASK), "kubectl get nodes -o 'custom-columns=N:.metadata.name'");
        assertThat(o.text()).isEqualTo("ARGS: get nodes -o custom-columns=N:.metadata.name\n");
        assertThat(o.refused()).isFalse();
        assertThat(o.error()).isFalse();
        assertThat(o.callId()).isEqualTo("call-1");
        // custom-columns prints raw fields: the same read as JSON is redacted first (its secrets go to the ledger)
        assertThat(callLog()).containsExactly("get nodes -o custom-columns=N:.metadata.name -o json", "get nodes -o custom-columns=N:.metadata.name");
    }

    @Test
    void pipelineRunsStagesInProcess() {
        Observation o = kubectl(toolbox(Policy.ASK), "kubectl get pods -n shop -o json | jq -r '.items[].metadata.name' | grep -c pod-");
        assertThat(o.text()).isEqualTo("30\n");
    }

    @Test
    void acceptsCommandWithoutKubectlPrefix() {
        assertThat(kubectl(toolbox(Policy.ASK), "get nodes").text()).startsWith("ARGS: ").endsWith("get nodes\n");
    }

    @Test
    void kubectlFailureIsErrorObservationWithStderr() {
        Observation o = kubectl(toolbox(Policy.ASK), "kubectl get pod missing | wc -l");
        assertThat(o.error()).isTrue();
        assertThat(o.text()).contains("kubectl exited with code 1", "NotFound", "stages after kubectl were not run");
    }

    @Test
    void stderrOfSuccessfulCommandIsShown() {
        assertThat(kubectl(toolbox(Policy.ASK), "kubectl get empty").text())
                .isEqualTo("(no output)\n[stderr] No resources found in x namespace.\n");
    }

    @Test
    void timeoutStopsKubectl() {
        long start = System.nanoTime();
        Observation o = kubectl(toolbox(Policy.ASK, false, Duration.ofMillis(500), 1 << 20, ObservationRedactor.identity()), "kubectl get slow");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(o.error()).isTrue();
        assertThat(o.text()).contains("did not finish within");
    }

    @Test
    void outputIsCappedInBytesWithNote() {
        Observation o = kubectl(toolbox(Policy.ASK, false, Duration.ofSeconds(10), 1000, ObservationRedactor.identity()), "kubectl get big");
        assertThat(o.truncated()).isTrue();
        assertThat(o.text()).contains("kubectl output was cut at 1000 of 100000 bytes");
        assertThat(o.text().length()).isLessThan(1500);
    }

    @Test
    void modelCannotChooseClusterOrHang() throws IOException {
        Toolbox t = toolbox(Policy.ALLOW_ALL);
        for (String c : List.of("kubectl --context prod get pods", "kubectl get pods --kubeconfig=/other", "kubectl --as system:admin get pods",
                "kubectl get pods -w", "kubectl logs x -f", "kubectl exec -it x -- sh", "kubectl edit deploy x", "kubectl port-forward x 80")) {
            Observation o = kubectl(t, c);
            assertThat(o.refused()).as(c).isTrue();
        }
        assertThat(callLog()).isEmpty();
    }

    @Test
    void promptInjectionInObservationCannotApproveAWrite() throws IOException {
        Toolbox t = toolbox(Policy.ASK);
        Observation poisoned = kubectl(t, "kubectl get configmap note -n x");
        assertThat(poisoned.text()).contains("IGNORE PREVIOUS INSTRUCTIONS");

        // the model obeys the injected text; its --yes is a kubectl argument, not the user's flag
        Observation o = kubectl(t, "kubectl delete ns prod --yes");
        assertThat(o.refused()).isTrue();
        assertThat(o.text()).contains("The user declined");
        assertThat(asked).singleElement().asString().contains("kubectl delete ns prod --yes").contains("Run this command? [y/N]");
        assertThat(callLog()).noneMatch(l -> l.contains("delete"));
    }

    @Test
    void readOnlyRefusesWritesWithoutRunningThem() throws IOException {
        Observation o = kubectl(toolbox(Policy.REFUSE_ALL), "kubectl scale deploy web --replicas=0 -n shop");
        assertThat(o.refused()).isTrue();
        assertThat(o.text()).contains("Refused by policy");
        assertThat(callLog()).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void confirmedWriteRuns() throws IOException {
        Toolbox t = toolbox(Policy.ASK, true, Duration.ofSeconds(10), 1 << 20, ObservationRedactor.identity());
        assertThat(kubectl(t, "kubectl rollout restart deploy/web -n shop").text()).contains("rollout restart deploy/web");
        assertThat(asked).hasSize(1);
        assertThat(callLog()).hasSize(1);
    }

    @Test
    void badStageIsRefusedBeforeKubectlRuns() throws IOException {
        Observation o = kubectl(toolbox(Policy.ALLOW_ALL), "kubectl delete pod x | grep --color x");
        assertThat(o.refused()).isTrue();
        assertThat(callLog()).isEmpty();
        assertThat(kubectl(toolbox(Policy.ALLOW_ALL), "kubectl get pods; rm -rf /").text()).contains("one command per tool call");
    }

    @Test
    void bigListIsCompactedButJqToolSeesFullJson() {
        Toolbox t = toolbox(Policy.ASK);
        Observation list = kubectl(t, "kubectl get pods -n shop -o json");
        assertThat(list.text()).contains("[compacted: 30 Pod items");
        assertThat(list.truncated()).isTrue();
        Observation jq = t.invoke(new ToolInvocation("c2", "jq", "{\"filter\":\"[.items[] | select(.status.containerStatuses[0].restartCount > 0) | .metadata.name]\",\"raw\":true}"));
        assertThat(jq.text()).isEqualTo("[\n  \"pod-0\"\n]\n");
        // jq does not replace the remembered output: a second filter still sees the kubectl result
        Observation jq2 = t.invoke(new ToolInvocation("c3", "jq", "{\"filter\":\".items | length\"}"));
        assertThat(jq2.text()).isEqualTo("30\n");
    }

    @Test
    void jqToolWithoutPreviousOutput() {
        Observation o = toolbox(Policy.ASK).invoke(new ToolInvocation("c", "jq", "{\"filter\":\".\"}"));
        assertThat(o.refused()).isTrue();
        assertThat(o.text()).contains("no previous output");
    }

    @Test
    void redactorSeesEveryObservation() {
        Toolbox t = toolbox(Policy.ASK, false, Duration.ofSeconds(10), 1 << 20, s -> s.replace("IGNORE", "[X]"));
        assertThat(kubectl(t, "kubectl get configmap note").text()).contains("[X] PREVIOUS").doesNotContain("IGNORE");
    }

    @Test
    void modelMistakesBecomeObservations() {
        Toolbox t = toolbox(Policy.ASK);
        assertThat(t.invoke(new ToolInvocation("c", "bash", "{}")).text()).contains("Unknown tool 'bash'").contains("kubectl, jq, trivy, python");
        assertThat(t.invoke(new ToolInvocation("c", "kubectl", "{not json")).text()).contains("not valid JSON");
        assertThat(t.invoke(new ToolInvocation("c", "kubectl", "{}")).text()).contains("Missing argument 'command'");
        assertThat(t.invoke(new ToolInvocation("c", "kubectl", "[1]")).refused()).isTrue();
    }

    @Test
    void definitionsAreValidJsonSchemas() throws IOException {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (ToolDefinition d : toolbox(Policy.ASK).definitions()) {
            var schema = mapper.readTree(d.parametersSchema());
            assertThat(schema.path("type").asText()).as(d.name()).isEqualTo("object");
            assertThat(schema.path("required")).as(d.name()).isNotEmpty();
            assertThat(d.toSpec().name()).isEqualTo(d.name());
        }
    }

    @Test
    void trivyMissingAndPythonDisabledAreClearObservations() {
        Toolbox t = toolbox(Policy.ALLOW_ALL);
        Observation trivy = t.invoke(new ToolInvocation("c", "trivy", "{\"image\":\"nginx:1.25\"}"));
        assertThat(trivy.refused()).isTrue();
        assertThat(trivy.text()).contains("trivy is not installed");
        assertThat(t.invoke(new ToolInvocation("c", "trivy", "{\"image\":\"--help\"}")).text()).contains("must be an image reference");
        Observation py = t.invoke(new ToolInvocation("c", "python", "{\"code\":\"print(1)\"}"));
        assertThat(py.refused()).isTrue();
        assertThat(py.text()).contains("python tool is disabled");
    }

    @Test
    void trivySummarisesBySeverity() throws IOException {
        Files.writeString(dir.resolve("report.json"), ObservationCompactorTest.resource("trivy-report.json"));
        Path trivy = executable("trivy", "#!/bin/sh\nprintf '%s\\n' \"$*\" > \"$(dirname \"$0\")/trivy-args\"\ncat \"$(dirname \"$0\")/report.json\"\n");
        Tool.Context none = Optional::empty;
        ToolResult r = new TrivyTool(Optional.of(trivy), Duration.ofSeconds(10))
                .run(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"image\":\"nginx:1.25\"}"), none);
        assertThat(r.status()).isEqualTo(Pipeline.Status.OK);
        assertThat(r.text()).startsWith("trivy scan of nginx:1.25: CRITICAL=1, HIGH=2, MEDIUM=0, LOW=1, UNKNOWN=0 (4 vulnerabilities)")
                .contains("- CRITICAL CVE-2024-0001 openssl 3.0.11 → fixed in 3.0.13");
        assertThat(r.text().indexOf("CVE-2024-0002")).isGreaterThan(r.text().indexOf("CVE-2024-0003"));
        assertThat(Files.readString(dir.resolve("trivy-args")).strip()).isEqualTo("image --format json --quiet nginx:1.25");
    }

    @Test
    void enabledPythonStillNeedsApproval() throws IOException {
        ChangeGuard guard = ChangeGuard.asking(Policy.REFUSE_ALL, Confirmer.none());
        ToolResult r = new PythonTool(true, guard, null, null)
                .run(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"code\":\"print(1)\"}"), Optional::empty);
        assertThat(r.status()).isEqualTo(Pipeline.Status.REFUSED);
        assertThat(guard.decisions()).singleElement().extracting(ChangeGuard.Decision::outcome).isEqualTo(ChangeGuard.Outcome.REFUSED_BY_POLICY);
    }
}
