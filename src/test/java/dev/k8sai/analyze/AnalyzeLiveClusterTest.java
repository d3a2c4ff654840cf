package dev.k8sai.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.ExitCodes;
import dev.k8sai.cli.Main;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Live analyze through Main against the real test API server (etcd + kube-apiserver +
 * kube-controller-manager; no scheduler, no kubelet).
 */
@RealCluster
class AnalyzeLiveClusterTest {

    static final int APPS = 100;
    static final int REPLICAS = 2;

    record Run(int exit, String out, String err) {
    }

    static Run analyze(TestCluster cluster, String... args) {
        return analyzeWith(cluster.kubeconfig(), args);
    }

    /** analyze through Main with this kubeconfig (e.g. a restricted user's). */
    static Run analyzeWith(java.nio.file.Path kubeconfig, String... args) {
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("analyze", "--kubeconfig", kubeconfig.toString()));
        all.addAll(List.of(args));
        return new Run(cl.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    /**
     * Issue 4: "a healthy cluster of 100 apps yields no critical or warning finding". Each app is a
     * Deployment (2 replicas, envFrom its ConfigMap, a named container port), a Service targeting the
     * port by name, a ConfigMap and a PodDisruptionBudget (minAvailable 1). The real controllers
     * create ReplicaSets and Pods, compute ReplicaSet/Deployment status, EndpointSlices/Endpoints and
     * PDB status. Faked, because the test cluster has neither scheduler nor kubelet: a Ready Node
     * (status written once; no node-lifecycle controller runs, so it stays Ready), each pod's binding to
     * it (the scheduler's job, through the real pods/binding API) and each pod's status (the kubelet's
     * job: Running, podIP, Ready, container running) through the status subresource. HPAs are left
     * out: without a metrics server their ScalingActive=False is a true warning.
     */
    @Test
    void healthyHundredAppsYieldNoCriticalOrWarning(TestCluster cluster, TestNamespace ns) throws Exception {
        KubernetesClient client = cluster.client();
        String nodeName = "healthy-" + ns.name();
        Node node = client.nodes().resource(new NodeBuilder().withNewMetadata().withName(nodeName)
                .addToLabels("kubernetes.io/hostname", nodeName).endMetadata().build()).create();
        try {
            String now = Instant.now().toString();
            node.setStatus(new io.fabric8.kubernetes.api.model.NodeStatusBuilder()
                    .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                    .withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition()
                    .addNewCondition().withType("MemoryPressure").withStatus("False").withLastTransitionTime(now).endCondition()
                    .addToAllocatable("pods", new io.fabric8.kubernetes.api.model.Quantity("500"))
                    .addToCapacity("pods", new io.fabric8.kubernetes.api.model.Quantity("500"))
                    .build());
            client.nodes().resource(node).updateStatus();
            createApps(client, ns.name());
            makeHealthy(client, ns.name(), nodeName);

            Run r = analyze(cluster, "-n", ns.name(), "-o", "json");
            JsonNode doc = new ObjectMapper().readTree(r.out());
            List<String> serious = new ArrayList<>();
            for (JsonNode f : doc.get("findings")) {
                boolean mine = ns.name().equals(f.path("namespace").asText(null)) || nodeName.equals(f.path("name").asText());
                // Cluster-scoped objects other test classes left in the shared test cluster are not this test's subject.
                if (mine && !f.get("severity").asText().equals("info")) {
                    serious.add(f.toString());
                }
            }
            assertThat(serious).isEmpty();
            assertThat(client.pods().inNamespace(ns.name()).list().getItems()).hasSize(APPS * REPLICAS);
            assertThat(r.err()).doesNotContain("failed");
        } finally {
            client.nodes().withName(nodeName).delete();
        }
    }

    static void createApps(KubernetesClient client, String ns) {
        for (int i = 0; i < APPS; i++) {
            String app = "app-" + i;
            Map<String, String> labels = Map.of("app", app);
            client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName(app + "-config")
                    .endMetadata().addToData("MODE", "production").build()).create();
            client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
                    .withNewMetadata().withName(app).withLabels(labels).endMetadata()
                    .withNewSpec().withReplicas(REPLICAS).withNewSelector().withMatchLabels(labels).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                    .withNewSpec().addNewContainer().withName("web").withImage("registry.example.com/" + app + ":1.0.0")
                    .addNewPort().withName("http").withContainerPort(8080).endPort()
                    .addNewEnvFrom().withNewConfigMapRef().withName(app + "-config").endConfigMapRef().endEnvFrom()
                    .withNewResources().addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("50m"))
                    .addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("64Mi")).endResources()
                    .endContainer().endSpec().endTemplate().endSpec().build()).create();
            client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName(app).endMetadata()
                    .withNewSpec().withSelector(labels).addNewPort().withName("http").withPort(80)
                    .withTargetPort(new IntOrString("http")).endPort().endSpec().build()).create();
            client.policy().v1().podDisruptionBudget().inNamespace(ns).resource(new PodDisruptionBudgetBuilder()
                    .withNewMetadata().withName(app).endMetadata()
                    .withNewSpec().withMinAvailable(new IntOrString(1)).withNewSelector().withMatchLabels(labels).endSelector()
                    .endSpec().build()).create();
        }
    }

    /** Plays scheduler and kubelet until every app is available, every PDB allows a disruption. */
    static void makeHealthy(KubernetesClient client, String ns, String nodeName) throws InterruptedException {
        long deadline = System.nanoTime() + 180_000_000_000L;
        int ip = 1;
        while (true) {
            List<Pod> pods = client.pods().inNamespace(ns).list().getItems();
            for (Pod pod : pods) {
                try {
                    if (pod.getSpec().getNodeName() == null) {
                        client.bindings().inNamespace(ns).resource(new BindingBuilder().withNewMetadata()
                                .withName(pod.getMetadata().getName()).endMetadata()
                                .withNewTarget().withKind("Node").withApiVersion("v1").withName(nodeName).endTarget().build())
                                .create();
                        pod = client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).get();
                    }
                    if (!"Running".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase())) {
                        markRunning(pod, ip++);
                        client.pods().inNamespace(ns).resource(pod).updateStatus();
                    }
                } catch (KubernetesClientException e) {
                    // A conflict with a controller's write: the next round retries.
                }
            }
            boolean appsReady = client.apps().deployments().inNamespace(ns).list().getItems().stream()
                    .filter(d -> d.getStatus() != null)
                    .filter(d -> d.getStatus().getAvailableReplicas() != null && d.getStatus().getAvailableReplicas() == REPLICAS)
                    .count() == APPS;
            boolean pdbsReady = client.policy().v1().podDisruptionBudget().inNamespace(ns).list().getItems().stream()
                    .map(PodDisruptionBudget::getStatus)
                    .filter(s -> s != null && s.getDisruptionsAllowed() != null && s.getDisruptionsAllowed() == 1).count() == APPS;
            boolean endpointsReady = client.discovery().v1().endpointSlices().inNamespace(ns).list().getItems().stream()
                    .filter(s -> s.getEndpoints() != null && s.getEndpoints().size() == REPLICAS
                            && s.getEndpoints().stream().allMatch(e -> Boolean.TRUE.equals(e.getConditions().getReady())))
                    .count() == APPS;
            if (appsReady && pdbsReady && endpointsReady && pods.size() == APPS * REPLICAS) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("apps did not become healthy: deployments=" + appsReady + " pdbs=" + pdbsReady
                        + " endpoints=" + endpointsReady + " pods=" + pods.size());
            }
            Thread.sleep(500);
        }
    }

    static void markRunning(Pod pod, int ip) {
        String now = Instant.now().toString();
        List<PodCondition> conditions = new ArrayList<>();
        for (String type : List.of("PodScheduled", "Initialized", "ContainersReady", "Ready")) {
            conditions.add(new PodConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(now).build());
        }
        var container = pod.getSpec().getContainers().getFirst();
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running")
                .withHostIP("10.0.0.1").withPodIP("10.244." + (ip / 250) + "." + (ip % 250 + 1)).withStartTime(now)
                .withConditions(conditions)
                .withContainerStatuses(new ContainerStatusBuilder().withName(container.getName())
                        .withImage(container.getImage()).withImageID("").withReady(true).withStarted(true).withRestartCount(0)
                        .withNewState().withNewRunning().withStartedAt(now).endRunning().endState().build())
                .build());
    }

    /**
     * Log evidence, failure path only: the test cluster has no kubelet, so the API server cannot
     * serve container logs. A pod bound to a node the server does not know gets 404 for its log: the
     * finding must come out unchanged, nothing on stderr by default, exactly one line with --verbose.
     * (A pod with no node at all gets an empty 200 from the API server: no evidence, no note.)
     */
    @Test
    void unreadableLogsAreSilentOrOneVerboseLine(TestCluster cluster, TestNamespace ns) throws Exception {
        ns.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: crasher, labels: {app: crasher}}
                spec:
                  nodeName: ghost-node
                  containers:
                  - {name: app, image: registry.example.com/crasher:1.0}
                status:
                  phase: Running
                  conditions:
                  - {type: Ready, status: "False"}
                  containerStatuses:
                  - name: app
                    image: registry.example.com/crasher:1.0
                    imageID: ""
                    ready: false
                    restartCount: 6
                    state: {waiting: {reason: CrashLoopBackOff, message: back-off 2m40s restarting failed container}}
                    lastState: {terminated: {exitCode: 1, reason: Error}}
                """);
        Run quiet = analyze(cluster, "-n", ns.name(), "-o", "json", "--filter", "pod");
        assertThat(quiet.exit()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(quiet.err()).isEmpty();
        JsonNode finding = new ObjectMapper().readTree(quiet.out()).get("findings").get(0);
        assertThat(finding.get("reason").asText()).isEqualTo("CrashLoopBackOff");
        assertThat(finding.path("evidence").toString()).doesNotContain("log tail");

        Run verbose = analyze(cluster, "-n", ns.name(), "-o", "json", "--filter", "pod", "-v");
        assertThat(verbose.err().lines().filter(l -> l.contains("container logs")).toList()).singleElement()
                .asString().contains("1 of 1 could not be read").contains(ns.name() + "/crasher container app").contains("HTTP 404");
        assertThat(verbose.err()).doesNotContain("\tat ").doesNotContain("Exception:");
    }
}
