package dev.k8sai.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.CancellationToken;
import dev.k8sai.agent.AgentResult;
import dev.k8sai.cluster.ClusterTarget;
import dev.k8sai.generate.ManifestReviewer;
import dev.k8sai.llm.ToolCall;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import dev.k8sai.testing.llm.ScriptedLlmTest;
import dev.k8sai.tools.Approver;
import dev.k8sai.tools.ChangeGuard;
import dev.k8sai.tools.ChangeRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent and generate use cases against the real API server and kubectl, through the app layer's API only. */
@RealCluster
class UseCasesClusterTest extends ScriptedLlmTest {


    @Test
    void kubectlGetsTheNamespaceFromTheTargetWhenTheModelOmitsIt(TestCluster cluster, TestNamespace ns) {
        ns.applyResource("fixtures/crashloop-pod.yaml");
        // The context's namespace is "default"; only the target says where to look.
        server.toolCalls(new ToolCall("call_1", "kubectl", "{\"command\": \"kubectl get pods -o name\"}"));
        server.replyWith(req -> ScriptedLlmServer.Reply.text("seen: " + ScriptedLlmServer.messageContents(req).getLast().strip()));
        var request = new ExecuteUseCase.Request(new ClusterTarget(cluster.kubeconfig(), null, ns.name(), false),
                LlmSettings.defaults(), ChangeGuard.Policy.ASK, false);

        AgentResult result;
        try (AgentRun run = new ExecuteUseCase(env(cluster)).open(request, Approver.DECLINE_ALL, null, new CancellationToken())) {
            result = run.ask("which pods are there?", null, null);
        }

        String podName = cluster.client().pods().inNamespace(ns.name()).list().getItems().getFirst().getMetadata().getName();
        assertThat(result.answer()).isEqualTo("seen: pod/" + podName);
        assertThat(result.toolRuns()).singleElement().satisfies(t -> assertThat(t.refused()).isFalse());
        // The system prompt names the same namespace the commands run in.
        assertThat(ScriptedLlmServer.messageContents(server.chatRequests().getFirst()).getFirst()).contains(ns.name());
    }

    @Test
    void aConversationLeavingTheRunIsScrubbedWithWhatTheLedgerLearntLater(TestCluster cluster, TestNamespace ns) {
        // The same value under an innocent ConfigMap key (read first, so not yet known as secret) and in a Secret.
        String value = "Zq8Rt3vXp2LmN7wK4yB9cD5eF1gH";
        cluster.client().configMaps().inNamespace(ns.name()).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("innocent").endMetadata().addToData("note", value).build()).create();
        cluster.client().secrets().inNamespace(ns.name()).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName("creds").endMetadata().addToStringData("password", value).build()).create();
        server.toolCalls(new ToolCall("call_1", "kubectl", "{\"command\": \"kubectl get configmap innocent -o yaml\"}"));
        server.toolCalls(new ToolCall("call_2", "kubectl", "{\"command\": \"kubectl get secret creds -o yaml\"}"));
        server.reply("done");
        var request = new ExecuteUseCase.Request(new ClusterTarget(cluster.kubeconfig(), null, ns.name(), false),
                LlmSettings.defaults(), ChangeGuard.Policy.ASK, false);

        AgentRun.Conversation conversation;
        try (AgentRun run = new ExecuteUseCase(env(cluster)).open(request, Approver.DECLINE_ALL, null, new CancellationToken())) {
            run.ask("what do they hold?", null, null);
            conversation = run.conversation();
        }

        // A saved chat, /namespace and --resume hand this to a run whose ledger is empty: it must already be clean.
        assertThat(conversation.messages()).hasSizeGreaterThan(3);
        assertThat(conversation.messages().toString()).doesNotContain(value);
    }

    @Test
    void generatePlansThenAppliesWhenTheApproverAccepts(TestCluster cluster, TestNamespace ns) {
        server.reply("""
                ```yaml
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: app-settings
                data:
                  LOG_LEVEL: info
                ```
                """);
        GenerateUseCase useCase = new GenerateUseCase(env(cluster), ManifestReviewer.audit());
        var request = new GenerateUseCase.Request("a configmap with LOG_LEVEL=info",
                new ClusterTarget(cluster.kubeconfig(), null, ns.name(), false), LlmSettings.defaults(), 1);
        List<ChangeRequest> asked = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        try (GenerateUseCase.Plan plan = useCase.plan(request, notes::add, null)) {
            assertThat(notes).isEmpty();
            assertThat(plan.result().valid()).isTrue();
            assertThat(plan.hasChanges()).isTrue();
            assertThat(plan.diffs()).singleElement().satisfies(d -> assertThat(d.newObject()).isTrue());
            // Planning changed nothing.
            assertThat(cluster.client().configMaps().inNamespace(ns.name()).withName("app-settings").get()).isNull();

            GenerateUseCase.Applied applied = useCase.apply(plan, new ChangeGuard(ChangeGuard.Policy.ASK, r -> {
                asked.add(r);
                return true;
            }));

            assertThat(applied.decision().outcome()).isEqualTo(ChangeGuard.Outcome.CONFIRMED);
            assertThat(applied.failed()).isZero();
        }
        assertThat(asked).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(ChangeRequest.Kind.MANIFESTS);
            assertThat(r.objects()).containsExactly("ConfigMap/" + ns.name() + "/app-settings");
            assertThat(r.content()).contains("LOG_LEVEL: info");
        });
        assertThat(cluster.client().configMaps().inNamespace(ns.name()).withName("app-settings").get().getData())
                .containsEntry("LOG_LEVEL", "info");
    }

    @Test
    void generateApplyIsRefusedUnderReadOnlyWithoutAsking(TestCluster cluster, TestNamespace ns) {
        server.reply("```yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ro\ndata:\n  a: b\n```\n");
        GenerateUseCase useCase = new GenerateUseCase(env(cluster), ManifestReviewer.audit());
        var request = new GenerateUseCase.Request("a configmap", new ClusterTarget(cluster.kubeconfig(), null, ns.name(), false),
                LlmSettings.defaults(), 0);
        try (GenerateUseCase.Plan plan = useCase.plan(request, n -> { }, null)) {
            GenerateUseCase.Applied applied = useCase.apply(plan, new ChangeGuard(ChangeGuard.Policy.REFUSE_ALL, r -> {
                throw new AssertionError("read-only must not ask");
            }));
            assertThat(applied.decision().outcome()).isEqualTo(ChangeGuard.Outcome.REFUSED_BY_POLICY);
            assertThat(applied.objects()).isEmpty();
        }
        assertThat(cluster.client().configMaps().inNamespace(ns.name()).withName("ro").get()).isNull();
    }
}
