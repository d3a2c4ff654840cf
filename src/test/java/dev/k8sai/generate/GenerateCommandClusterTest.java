package dev.k8sai.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.ExitCodes;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * generate end to end through Main: the real LLM client over HTTP against a scripted server, and the real API
 * server for the dry run in the repair loop, the diff, the confirmation and the server-side apply.
 */
@RealCluster
class GenerateCommandClusterTest extends GenerateCliTest {


    private GenerateCli.Run generate(TestCluster cluster, TestNamespace ns, String... args) {
        List<String> all = new ArrayList<>(List.of("generate", "--config", config(),
                "--kubeconfig", cluster.kubeconfig().toString(), "-n", ns.name()));
        all.addAll(List.of(args));
        return GenerateCli.run(all.toArray(String[]::new));
    }

    @Test
    void yesAppliesTheObjectsWithServerSideApply(TestCluster cluster, TestNamespace ns) {
        server.reply(GenerateCli.fenced(GOOD));
        var run = generate(cluster, ns, "--yes", "a redis deployment with 3 replicas and a service");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.chatRequests()).hasSize(1);
        assertThat(run.out()).contains("new object: Deployment/" + ns.name() + "/redis",
                "Deployment/" + ns.name() + "/redis created (server-side apply)",
                "Service/" + ns.name() + "/redis created (server-side apply)");

        Deployment d = cluster.client().apps().deployments().inNamespace(ns.name()).withName("redis").get();
        assertThat(d).isNotNull();
        assertThat(d.getSpec().getReplicas()).isEqualTo(3);
        assertThat(d.getMetadata().getManagedFields()).anySatisfy(m -> {
            assertThat(m.getManager()).isEqualTo("k8s-ai-agent");
            assertThat(m.getOperation()).isEqualTo("Apply");
        });
        Service s = cluster.client().services().inNamespace(ns.name()).withName("redis").get();
        assertThat(s.getSpec().getPorts().getFirst().getPort()).isEqualTo(6379);
    }

    @Test
    void invalidReplyIsRepairedWithTheValidationErrorsAndThenApplied(TestCluster cluster, TestNamespace ns) {
        String invalid = GOOD.replace("replicas: 3", "replicas: three")
                .replace("image: redis:7.4", "image: redis:7.4\n        imagePullPolicyy: IfNotPresent");
        server.reply(GenerateCli.fenced(invalid)).reply("<think>fix both</think>\n" + GenerateCli.fenced(GOOD));
        var run = generate(cluster, ns, "--yes", "redis");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.chatRequests()).hasSize(2);
        String repair = server.chatRequests().get(1).body();
        assertThat(repair).contains("spec.replicas: expected integer, got \\\"three\\\"",
                "spec.template.spec.containers[0].imagePullPolicyy: unknown field (did you mean imagePullPolicy?)");
        assertThat(cluster.client().apps().deployments().inNamespace(ns.name()).withName("redis").get().getSpec().getReplicas())
                .isEqualTo(3);
        assertThat(cluster.client().services().inNamespace(ns.name()).withName("redis").get()).isNotNull();
    }

    @Test
    void readOnlyNeverApplies(TestCluster cluster, TestNamespace ns) {
        server.reply(GenerateCli.fenced(GOOD));
        var run = generate(cluster, ns, "--read-only", "--yes", "redis");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err()).contains("--read-only: not applying 2 object(s)");
        assertThat(cluster.client().apps().deployments().inNamespace(ns.name()).list().getItems()).isEmpty();
        assertThat(cluster.client().services().inNamespace(ns.name()).list().getItems()).isEmpty();
    }

    @Test
    void withoutYesAndWithoutATerminalNothingIsApplied(TestCluster cluster, TestNamespace ns) {
        server.reply(GenerateCli.fenced(GOOD));
        var run = generate(cluster, ns, "redis");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err()).contains("not applied: not confirmed (re-run with --yes");
        assertThat(cluster.client().apps().deployments().inNamespace(ns.name()).list().getItems()).isEmpty();
    }

    @Test
    void dryRunSendsNothingAndTouchesNothing(TestCluster cluster, TestNamespace ns) {
        var run = generate(cluster, ns, "--dry-run", "--yes", "redis");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("namespace \"" + ns.name() + "\"", "nothing was sent");
        assertThat(server.requestCount()).isZero();
        assertThat(cluster.client().apps().deployments().inNamespace(ns.name()).list().getItems()).isEmpty();
    }

    @Test
    void diffAgainstALiveObjectShowsTheChangedLine(TestCluster cluster, TestNamespace ns) {
        ns.apply(GOOD.replace("replicas: 3", "replicas: 1"));
        server.reply(GenerateCli.fenced(GOOD));
        var run = generate(cluster, ns, "--read-only", "scale redis to 3");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.out()).contains("--- live Deployment/" + ns.name() + "/redis", "+++ generated Deployment/" + ns.name() + "/redis",
                "\n-  replicas: 1\n", "\n+  replicas: 3\n");
        // the Service is identical to the live one once server defaults are taken into account
        assertThat(run.out()).contains("unchanged: Service/" + ns.name() + "/redis");
        assertThat(run.out().lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")).toList()).hasSize(1);
        assertThat(cluster.client().apps().deployments().inNamespace(ns.name()).withName("redis").get().getSpec().getReplicas())
                .isEqualTo(1);
    }

    @Test
    void serverRejectionIsRepairedInTheLoop(TestCluster cluster, TestNamespace ns) {
        String badPort = GOOD.replace("ports: [{port: 6379, targetPort: 6379}]", "ports: [{port: 70000, targetPort: 6379}]");
        server.reply(GenerateCli.fenced(badPort)).reply(GenerateCli.fenced(GOOD));
        var run = generate(cluster, ns, "-o", "yaml", "redis");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.chatRequests()).hasSize(2);
        assertThat(ScriptedLlmServer.messageContents(server.chatRequests().get(1)).getLast())
                .contains("API server dry run", "Service/redis: spec.ports[0].port:");
        assertThat(cluster.client().services().inNamespace(ns.name()).list().getItems()).isEmpty();
    }

    /** Issue 11 point 9: fabric8's raw "no registered handler" text never reaches the model or the user. */
    @Test
    void aWrongApiVersionOfABuiltInKindIsNamedPlainly(TestCluster cluster, TestNamespace ns) {
        String wrong = GOOD.replaceFirst("apiVersion: apps/v1", "apiVersion: v1");
        server.reply(GenerateCli.fenced(wrong)).reply(GenerateCli.fenced(wrong)).reply(GenerateCli.fenced(wrong));
        var run = generate(cluster, ns, "--read-only", "--max-repairs", "1", "redis");
        String sent = server.chatRequests().get(1).body();
        assertThat(sent + run.err() + run.out()).doesNotContain("registered handler").doesNotContain("GenericKubernetesResource(");
        assertThat(ScriptedLlmServer.messageContents(server.chatRequests().get(1)).getLast()).contains("apiVersion");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.LLM);
    }

    @Test
    void applyDoesNotForceConflictsWithOtherFieldManagers(TestCluster cluster, TestNamespace ns) {
        ns.apply(GOOD.replace("replicas: 3", "replicas: 1")); // created by another field manager
        server.reply(GenerateCli.fenced(GOOD));
        var run = generate(cluster, ns, "--yes", "scale redis to 3");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Deployment/" + ns.name() + "/redis: ").containsIgnoringCase("conflict")
                .contains("1 of 2 object(s) failed to apply");
        assertThat(cluster.client().apps().deployments().inNamespace(ns.name()).withName("redis").get().getSpec().getReplicas())
                .isEqualTo(1);
    }

    @Test
    void objectsInANamespaceCreatedByTheSameManifestsAreAppliedAfterIt(TestCluster cluster, TestNamespace ns) {
        String other = ns.name() + "-app";
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: %s}
                data: {mode: fast}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: %s}
                """.formatted(other, other);
        server.reply(GenerateCli.fenced(yaml));
        try {
            var run = generate(cluster, ns, "--yes", "a namespace with a config map");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("new object: Namespace/" + other, "new object: ConfigMap/" + other + "/settings");
            assertThat(cluster.client().configMaps().inNamespace(other).withName("settings").get().getData())
                    .containsEntry("mode", "fast");
        } finally {
            cluster.client().namespaces().withName(other).delete();
        }
    }

    @Test
    void reRunningIdenticalManifestsReportsUnchangedAndAppliesNothing(TestCluster cluster, TestNamespace ns) {
        server.reply(GenerateCli.fenced(GOOD)).reply(GenerateCli.fenced(GOOD));
        assertThat(generate(cluster, ns, "--yes", "redis").exitCode()).isZero();
        // Not resourceVersion: the controller manager keeps writing the Deployment's status.
        var applied = cluster.client().apps().deployments().inNamespace(ns.name()).withName("redis").get().getMetadata();
        var again = generate(cluster, ns, "--yes", "redis");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("unchanged: Deployment/" + ns.name() + "/redis", "unchanged: Service/" + ns.name() + "/redis",
                "nothing to apply: the cluster already matches").doesNotContain("configured");
        var after = cluster.client().apps().deployments().inNamespace(ns.name()).withName("redis").get().getMetadata();
        assertThat(after.getGeneration()).isEqualTo(applied.getGeneration());
        assertThat(after.getManagedFields()).filteredOn(m -> "k8s-ai-agent".equals(m.getManager()))
                .usingRecursiveFieldByFieldElementComparator().isEqualTo(
                        applied.getManagedFields().stream().filter(m -> "k8s-ai-agent".equals(m.getManager())).toList());
    }

    @Test
    void anotherNamespaceThanTheExplicitOneIsSentBackForRepair(TestCluster cluster, TestNamespace ns) {
        String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: %s}\ndata: {k: v}\n";
        server.reply(GenerateCli.fenced(cm.formatted("default"))).reply(GenerateCli.fenced(cm.formatted(ns.name())));
        var run = generate(cluster, ns, "--yes", "a config map");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(ScriptedLlmServer.messageContents(server.chatRequests().get(1)).getLast())
                .contains("metadata.namespace: is \"default\" but the target namespace is \"" + ns.name() + "\"");
        assertThat(cluster.client().configMaps().inNamespace(ns.name()).withName("a").get()).isNotNull();
        assertThat(cluster.client().configMaps().inNamespace("default").withName("a").get()).isNull();
    }

    @Test
    void secretValuesAreNeverPrintedInTheDiff(TestCluster cluster, TestNamespace ns) {
        ns.apply("apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: oldsecret1}\n");
        server.reply(GenerateCli.fenced("apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: newsecret2}\n"));
        var run = generate(cluster, ns, "--read-only", "db secret");
        assertThat(run.err()).contains("note: Secret/db holds literal values");
        String diff = run.out().substring(run.out().indexOf("--- live"));
        assertThat(diff).contains("*** (before)", "*** (after)")
                .doesNotContain("oldsecret1", "newsecret2", "b2xkc2VjcmV0MQ", "bmV3c2VjcmV0Mg");
    }
}
