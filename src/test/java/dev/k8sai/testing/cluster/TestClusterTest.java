package dev.k8sai.testing.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 3: the real API server, status-carrying fixtures, and the real kubectl against the same kubeconfig. */
@RealCluster
class TestClusterTest {

    @Test
    void crashloopingPodKeepsItsStatusAndKubectlSeesIt(TestCluster cluster, TestNamespace ns) {
        ns.applyResource("fixtures/crashloop-pod.yaml");

        Pod pod = cluster.client().pods().inNamespace(ns.name()).withName("payments-7c9d-x2x").get();
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        ContainerStatus app = pod.getStatus().getContainerStatuses().getFirst();
        assertThat(app.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(app.getRestartCount()).isEqualTo(12);
        assertThat(app.getLastState().getTerminated().getExitCode()).isEqualTo(1);

        CommandResult get = cluster.kubectl("get", "pods", "-n", ns.name());
        assertThat(get.exitCode()).as(get.stderr()).isZero();
        String[] lines = get.stdout().strip().split("\n");
        assertThat(lines[0]).containsSubsequence("NAME", "READY", "STATUS", "RESTARTS", "AGE");
        assertThat(lines).hasSize(2);
        assertThat(lines[1].split("\\s+")).startsWith("payments-7c9d-x2x", "0/1", "CrashLoopBackOff", "12");
    }

    @Test
    void kubectlIsTheOfficialBuildOfThePinnedVersion(TestCluster cluster) {
        CommandResult version = cluster.kubectl("version", "-o", "json");
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(version.stdout()).contains("\"gitVersion\": \"v1.34.4\"").contains("serverVersion");
    }

    @Test
    void controllerManagerTurnsDeploymentsIntoPods(TestCluster cluster, TestNamespace ns) throws Exception {
        Deployment d = new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build();
        cluster.client().apps().deployments().inNamespace(ns.name()).resource(d).create();

        cluster.client().pods().inNamespace(ns.name()).withLabel("app", "web")
                .informOnCondition(pods -> pods.size() == 2).get(60, TimeUnit.SECONDS);
        assertThat(cluster.client().apps().replicaSets().inNamespace(ns.name()).list().getItems()).hasSize(1);
    }

    @Test
    void namespacesAreFreshPerTest(TestNamespace ns, TestCluster cluster) {
        assertThat(cluster.client().pods().inNamespace(ns.name()).list().getItems()).isEmpty();
        assertThat(Duration.ofSeconds(1)).isPositive();
    }
}
