package dev.k8sai.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.ExitCodes;
import dev.k8sai.cli.GenerateCommand;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** generate against the real API server: dry run in the loop, diff, confirmation, server-side apply. */
@RealCluster
class GenerateCommandClusterTest {

    private static final String GOOD = ManifestValidatorTest.GOOD;

    private static GenerateCommand command(ScriptedLlm llm, Confirmer confirmer) {
        // the real connector: --kubeconfig of the test cluster, reachability probe and all
        return new GenerateCommand(g -> llm, GenerateCommand.DEFAULT_CLUSTER, confirmer, ManifestReviewer.NONE);
    }

    private static final Confirmer NEVER_ASK = q -> {
        throw new AssertionError("must not ask: " + q);
    };

    @Test
    void yesAppliesTheObjectsWithServerSideApply(TestCluster cluster, TestNamespace ns) {
        ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.fenced(GOOD));
        var run = GenerateCli.run(command(llm, NEVER_ASK), "generate", "--kubeconfig", cluster.kubeconfig().toString(),
                "-n", ns.name(), "--yes", "a redis deployment with 3 replicas and a service");
        assertThat(run.exitCode()).as(run.err()).isZero();
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
    void confirmationIsAskedWithTheContextAndDeclineAppliesNothing(TestCluster cluster, TestNamespace ns) {
        List<String> asked = new ArrayList<>();
        ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.fenced(GOOD));
        var run = GenerateCli.run(command(llm, q -> asked.add(q) && false), "generate",
                "--kubeconfig", cluster.kubeconfig().toString(), "-n", ns.name(), "redis");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(asked).singleElement().satisfies(q -> assertThat(q).matches("Apply 2 objects to context \\S+\\?"));
        assertThat(cluster.client().apps().deployments().inNamespace(ns.name()).list().getItems()).isEmpty();
    }

    @Test
    void readOnlyNeverApplies(TestCluster cluster, TestNamespace ns) {
        ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.fenced(GOOD));
        var run = GenerateCli.run(command(llm, NEVER_ASK), "generate", "--kubeconfig", cluster.kubeconfig().toString(),
                "-n", ns.name(), "--read-only", "--yes", "redis");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err()).contains("--read-only: not applying 2 object(s)");
        assertThat(cluster.client().apps().deployments().inNamespace(ns.name()).list().getItems()).isEmpty();
        assertThat(cluster.client().services().inNamespace(ns.name()).list().getItems()).isEmpty();
    }

    @Test
    void diffAgainstALiveObjectShowsTheChangedLine(TestCluster cluster, TestNamespace ns) {
        ns.apply(GOOD.replace("replicas: 3", "replicas: 1"));
        ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.fenced(GOOD));
        var run = GenerateCli.run(command(llm, NEVER_ASK), "generate", "--kubeconfig", cluster.kubeconfig().toString(),
                "-n", ns.name(), "--read-only", "scale redis to 3");
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
        ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.fenced(badPort), ScriptedLlm.fenced(GOOD));
        var run = GenerateCli.run(command(llm, NEVER_ASK), "generate", "--kubeconfig", cluster.kubeconfig().toString(),
                "-n", ns.name(), "-o", "yaml", "redis");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(llm.requests).hasSize(2);
        assertThat(llm.requests.get(1).messages().getLast().text())
                .contains("API server dry run", "Service/redis: spec.ports[0].port:");
        assertThat(cluster.client().services().inNamespace(ns.name()).list().getItems()).isEmpty();
    }

    @Test
    void applyDoesNotForceConflictsWithOtherFieldManagers(TestCluster cluster, TestNamespace ns) {
        ns.apply(GOOD.replace("replicas: 3", "replicas: 1")); // created by another field manager
        ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.fenced(GOOD));
        var run = GenerateCli.run(command(llm, NEVER_ASK), "generate", "--kubeconfig", cluster.kubeconfig().toString(),
                "-n", ns.name(), "--yes", "scale redis to 3");
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
        ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.fenced(yaml));
        try {
            var run = GenerateCli.run(command(llm, NEVER_ASK), "generate", "--kubeconfig", cluster.kubeconfig().toString(),
                    "-n", ns.name(), "--yes", "a namespace with a config map");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("new object: Namespace/" + other, "new object: ConfigMap/" + other + "/settings");
            assertThat(cluster.client().configMaps().inNamespace(other).withName("settings").get().getData())
                    .containsEntry("mode", "fast");
        } finally {
            cluster.client().namespaces().withName(other).delete();
        }
    }
}
