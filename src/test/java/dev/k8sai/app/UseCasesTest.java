package dev.k8sai.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.agent.AgentResult;
import dev.k8sai.agent.StopReason;
import dev.k8sai.analyze.AnalyzeRequest;
import dev.k8sai.analyze.AnalyzeService;
import dev.k8sai.cluster.ClusterTarget;
import dev.k8sai.cluster.SnapshotReader;
import dev.k8sai.cluster.SnapshotRequest;
import dev.k8sai.llm.ToolCall;
import dev.k8sai.report.Severity;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestClusterExtension;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import dev.k8sai.testing.llm.ScriptedLlmTest;
import dev.k8sai.tools.ChangeGuard;
import dev.k8sai.tools.ChangeRequest;
import dev.k8sai.CancellationToken;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The use cases through the app layer's public API alone: no picocli, no System.in/out/getenv. */
@RealCluster
class UseCasesTest extends ScriptedLlmTest {

    static final String EXAMPLE = Path.of(System.getProperty("k8sai.repoRoot", "."), "examples/broken-shop.yaml").toString();


    private Map<String, String> env() {
        return Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test",
                "XDG_CONFIG_HOME", tmp.resolve("config").toString(), "K8S_AI_AGENT_CACHE", tmp.resolve("cache").toString());
    }

    /**
     * The real test cluster's kubeconfig: execute checks the cluster is reachable before its first model call,
     * and nothing else reaches the cluster in these runs (the changes are declined or cancelled).
     */
    private static Path clusterKubeconfig() {
        return TestClusterExtension.cluster().kubeconfig();
    }

    @Test
    void analyzesAFixtureWithoutAnLlm() {
        var useCase = new AnalyzeUseCase(new AnalyzeService(new SnapshotReader(Map.of(), InputStream.nullInputStream())), Map.of());
        var request = new AnalyzeUseCase.Request(new AnalyzeRequest(new SnapshotRequest(EXAMPLE, null, null), List.of()),
                null, LlmSettings.defaults());

        AnalyzeUseCase.Result result = useCase.run(request, null);

        assertThat(result.report().source()).isEqualTo(EXAMPLE);
        assertThat(result.report().hasCritical()).isTrue();
        assertThat(result.report().findings()).anyMatch(f -> f.severity() == Severity.CRITICAL);
        assertThat(result.explanation()).isNull();
        assertThat(result.dryRun()).isNull();
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void analyzeDryRunPlansTheExplanationAndSendsNothing() {
        var useCase = new AnalyzeUseCase(new AnalyzeService(new SnapshotReader(Map.of(), InputStream.nullInputStream())), env());
        var settings = new LlmSettings(null, null, null, null, null, null, true);
        var request = new AnalyzeUseCase.Request(new AnalyzeRequest(new SnapshotRequest(EXAMPLE, null, null), List.of()),
                new ExplainRequest(false, false), settings);

        AnalyzeUseCase.Result result = useCase.run(request, null);

        assertThat(result.dryRun()).isNotNull();
        assertThat(result.dryRun().requests()).isNotEmpty();
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void executeWithAnApproverThatDeclinesRunsNothing() throws Exception {
        Path kubeconfig = clusterKubeconfig();
        // kubectl must never start: a declined change is not run, so no binary is needed.
        Map<String, String> env = new java.util.HashMap<>(env());
        env.put("K8S_AI_AGENT_KUBECTL", tmp.resolve("no-kubectl").toString());
        server.toolCalls(new ToolCall("call_1", "kubectl", "{\"command\": \"kubectl delete deployment web\"}"));
        server.reply("I did not delete it: you declined.");
        List<ChangeRequest> asked = new ArrayList<>();
        var request = new ExecuteUseCase.Request(new ClusterTarget(kubeconfig, null, null, false), LlmSettings.defaults(),
                ChangeGuard.Policy.ASK, true);

        AgentResult result;
        List<ChangeGuard.Decision> decisions;
        try (AgentRun run = new ExecuteUseCase(env).open(request, r -> {
            asked.add(r);
            return false;
        }, null, new CancellationToken())) {
            result = run.ask("delete the web deployment", null, null);
            decisions = run.decisions();
        }

        assertThat(asked).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(ChangeRequest.Kind.KUBECTL_COMMAND);
            assertThat(r.subject()).isEqualTo("kubectl delete deployment web");
            assertThat(r.verb()).isEqualTo("delete");
        });
        assertThat(decisions).singleElement().extracting(ChangeGuard.Decision::outcome).isEqualTo(ChangeGuard.Outcome.DECLINED);
        assertThat(result.stopReason()).isEqualTo(StopReason.FINAL_ANSWER);
        assertThat(result.answer()).isEqualTo("I did not delete it: you declined.");
        assertThat(result.toolRuns()).singleElement().satisfies(t -> assertThat(t.refused()).isTrue());
        // Issue 18 point 1: the run result itself names the change that was not made, for every front end.
        assertThat(result.refusedChanges()).containsExactly(
                new dev.k8sai.agent.RefusedChange("kubectl delete deployment web", dev.k8sai.agent.RefusedChange.Why.DECLINED));
        assertThat(result.exitCode()).isEqualTo(dev.k8sai.ExitCodes.REFUSED);
        assertThat(ScriptedLlmServer.messageContents(server.chatRequests().get(1)).getLast()).contains("The user declined");
    }

    @Test
    void aCancelledRunStopsBeforeTheNextModelCall() throws Exception {
        Path kubeconfig = clusterKubeconfig();
        CancellationToken token = new CancellationToken();
        server.toolCalls(new ToolCall("call_1", "kubectl", "{\"command\": \"kubectl delete deployment web\"}"));
        server.reply("never asked for");
        var request = new ExecuteUseCase.Request(new ClusterTarget(kubeconfig, null, null, false), LlmSettings.defaults(),
                ChangeGuard.Policy.ASK, true);
        try (AgentRun run = new ExecuteUseCase(env()).open(request, r -> {
            token.cancel(); // the person presses Ctrl-C instead of answering
            return false;
        }, null, token)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> run.ask("delete web", null, null))
                    .isInstanceOfSatisfying(dev.k8sai.AgentException.class,
                            e -> assertThat(e.category()).isEqualTo(dev.k8sai.ErrorCategory.CANCELLED));
        }
        assertThat(server.chatRequests()).hasSize(1);
    }
}
