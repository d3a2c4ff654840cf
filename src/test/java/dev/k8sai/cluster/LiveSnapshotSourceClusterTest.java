package dev.k8sai.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.analyze.AnalyzeService;
import dev.k8sai.analyze.Analyzers;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport;
import dev.k8sai.testing.cluster.CommandResult;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live reading against the real test API server: same findings as a file, pagination, RBAC skips. */
@RealCluster
class LiveSnapshotSourceClusterTest {

    /** Standalone objects only: the controller manager would replace owned pods with its own. */
    static final String FIXTURE = """
            apiVersion: v1
            kind: Pod
            metadata: {name: payments-1, labels: {app: payments}}
            spec: {containers: [{name: app, image: example/payments:1}]}
            status:
              phase: Running
              containerStatuses:
              - name: app
                image: example/payments:1
                imageID: ""
                ready: false
                restartCount: 7
                state: {waiting: {reason: CrashLoopBackOff, message: back-off 5m0s}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: cart-1, labels: {app: cart}}
            spec: {containers: [{name: cart, image: example/cart:1, envFrom: [{configMapRef: {name: cart-config}}]}]}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: frontend-config}
            data: {A: b}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: checkout}
            spec: {selector: {app: checkout}, ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: payments}
            spec: {selector: {app: payments}, ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Event
            metadata: {name: payments-1.backoff}
            involvedObject: {apiVersion: v1, kind: Pod, name: payments-1, namespace: NS}
            type: Warning
            reason: BackOff
            message: Back-off restarting failed container app
            count: 9
            firstTimestamp: "2026-11-20T10:00:00Z"
            lastTimestamp: "2026-11-20T10:05:00Z"
            """;

    @Test
    void liveAnalysisEqualsAnalysisOfTheKubectlDump(TestCluster cluster, TestNamespace ns, @TempDir Path dir) throws Exception {
        ns.apply(FIXTURE.replace("NS", ns.name()));
        var analyzers = SampleAnalyzers.all();
        FindingsReport live;
        try (KubeConnection c = KubeClients.connect(cluster.kubeconfig(), null)) {
            LiveSnapshotSource.Result r = new LiveSnapshotSource(c, Clock.systemUTC(), 1)
                    .collect(Analyzers.needs(analyzers), ns.name(), null);
            assertThat(r.notes()).isEmpty();
            assertThat(r.snapshot().collected(ConfigMap.class)).isTrue();
            // page size 1: two pods need two pages (continue token followed)
            assertThat(r.timings()).filteredOn(t -> t.kind().equals("Pod")).singleElement().satisfies(t -> {
                assertThat(t.objects()).isEqualTo(2);
                assertThat(t.pages()).isEqualTo(2);
            });
            live = AnalyzeService.analyze(r.snapshot(), analyzers);
        }
        CommandResult dump = cluster.kubectl("get", "pods,services,configmaps,events,replicasets,deployments",
                "-n", ns.name(), "-o", "yaml");
        assertThat(dump.exitCode()).as(dump.stderr()).isZero();
        Path file = Files.writeString(dir.resolve("dump.yaml"), dump.stdout());
        FindingsReport fromFile = AnalyzeService.analyze(
                new SnapshotFileReader(List.of()).read(file.toString(), InputStream.nullInputStream(), null).snapshot(), analyzers);

        assertThat(live.findings()).extracting(Finding::reason)
                .containsExactly("MissingConfigMap", "CrashLoopBackOff", "SelectorMatchesNoPods");
        assertThat(live.findings().get(1).evidence()).containsExactly("event BackOff x9: Back-off restarting failed container app");
        assertThat(fromFile.findings()).isEqualTo(live.findings());
        assertThat(fromFile.summary()).isEqualTo(live.summary());
    }

    @Test
    void labelSelectorAppliesToPodsOnServer(TestCluster cluster, TestNamespace ns) {
        ns.apply(FIXTURE.replace("NS", ns.name()));
        try (KubeConnection c = KubeClients.connect(cluster.kubeconfig(), null)) {
            ClusterSnapshot s = new LiveSnapshotSource(c).collect(Set.of(Pod.class, ConfigMap.class), ns.name(), "app=cart").snapshot();
            assertThat(s.list(Pod.class)).extracting(p -> p.getMetadata().getName()).containsExactly("cart-1");
            assertThat(s.list(ConfigMap.class)).extracting(m -> m.getMetadata().getName()).contains("frontend-config");
        }
    }

    @Test
    void forbiddenKindsAreSkippedWithANote(TestCluster cluster, TestNamespace ns, @TempDir Path dir) throws Exception {
        ns.apply(FIXTURE.replace("NS", ns.name()));
        var client = cluster.client();
        client.serviceAccounts().inNamespace(ns.name()).resource(new ServiceAccountBuilder()
                .withNewMetadata().withName("pod-reader").endMetadata().build()).create();
        client.rbac().roles().inNamespace(ns.name()).resource(new RoleBuilder().withNewMetadata().withName("pod-reader").endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("pods").withVerbs("list").build()).build()).create();
        client.rbac().roleBindings().inNamespace(ns.name()).resource(new RoleBindingBuilder().withNewMetadata().withName("pod-reader").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "pod-reader")
                .addNewSubject().withKind("ServiceAccount").withName("pod-reader").withNamespace(ns.name()).endSubject().build()).create();
        Path kc = KubeconfigFiles.serviceAccount(client, ns.name(), "pod-reader", dir);
        try (KubeConnection c = KubeClients.connect(kc, null)) {
            Set<Class<? extends HasMetadata>> kinds = Set.of(Pod.class, Secret.class, Node.class);
            LiveSnapshotSource.Result r = new LiveSnapshotSource(c).collect(kinds, c.namespace(), null);
            assertThat(r.snapshot().list(Pod.class)).hasSize(2);
            assertThat(r.snapshot().collected(Secret.class)).isFalse();
            assertThat(r.snapshot().collected(Node.class)).isFalse();
            assertThat(r.notes()).containsExactlyInAnyOrder(
                    "skipped nodes: forbidden (cannot list nodes (cluster-scoped)); checks that need them are off",
                    "skipped secrets: forbidden (cannot list secrets in namespace " + ns.name() + "); checks that need them are off");
        }
    }

    @Test
    void kindsTheServerDoesNotServeAreSkipped(TestCluster cluster, TestNamespace ns) {
        try (KubeConnection c = KubeClients.connect(cluster.kubeconfig(), null)) {
            // autoscaling/v2beta1 was removed in Kubernetes 1.25
            LiveSnapshotSource.Result r = new LiveSnapshotSource(c).collect(
                    Set.of(io.fabric8.kubernetes.api.model.autoscaling.v2beta1.HorizontalPodAutoscaler.class, Pod.class), ns.name(), null);
            assertThat(r.notes()).containsExactly(
                    "skipped horizontalpodautoscalers: not served by this API server (autoscaling/v2beta1)");
            assertThat(r.snapshot().collected(Pod.class)).isTrue();
        }
    }

    @Test
    void rejectedCredentialsAreOneLine(TestCluster cluster, @TempDir Path dir) throws Exception {
        String server = cluster.client().getConfiguration().getMasterUrl();
        Path kc = Files.writeString(dir.resolve("kc"), """
                apiVersion: v1
                kind: Config
                current-context: bad
                clusters: [{name: c, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: r, user: {token: "not-a-valid-token"}}]
                contexts: [{name: bad, context: {cluster: c, user: r}}]
                """.formatted(server));
        try (KubeConnection c = KubeClients.connect(kc, null)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> new LiveSnapshotSource(c).collect(Set.of(Pod.class), "default", null))
                    .isInstanceOf(dev.k8sai.AgentException.class)
                    .hasMessageStartingWith("unauthorized at " + c.serverUrl() + ": the credentials of this context were rejected (401)");
        }
    }
}
