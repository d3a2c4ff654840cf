package dev.k8sai.analyze;

import static dev.k8sai.analyze.WorkloadTestSnapshots.load;
import static dev.k8sai.analyze.WorkloadTestSnapshots.only;
import static dev.k8sai.analyze.WorkloadTestSnapshots.reasonsByName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodAnalyzerTest {

    private final PodAnalyzer analyzer = new PodAnalyzer();

    private List<Finding> analyzeAll() {
        Set<Class<? extends HasMetadata>> kinds = new HashSet<>(analyzer.needs());
        kinds.add(ReplicaSet.class);
        kinds.add(Deployment.class);
        kinds.add(Job.class);
        return analyzer.analyze(load("pods.yaml", kinds));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            payments-7c9d-x2x  | CrashLoopBackOff
            payments-7c9d-h8k  | -
            worker-oom         | OOMKilled
            image-typo         | ImagePullBackOff
            config-missing     | CreateContainerConfigError
            key-missing        | CreateContainerConfigError
            bad-command        | CreateContainerError
            too-big            | Unschedulable
            evicted            | Evicted
            migrate-once       | PodFailed
            migrate-done       | -
            probe-failing      | ReadinessProbeFailing
            starting-up        | -
            never-ready        | ReadinessProbeFailing
            nfs-client         | FailedMount
            creating           | -
            dangling-refs      | MissingConfigMap,MissingPVC,MissingSecret,MissingServiceAccount
            all-refs-present   | -
            flaky              | HighRestartCount
            few-restarts       | -
            stuck-terminating  | StuckTerminating
            shutting-down      | -
            init-crash         | CrashLoopBackOff
            import-retry       | -
            import-evicted     | -
            import-oom         | -
            orphan-run         | PodFailed
            liveness-failing   | -
            slow-start         | -
            """)
    void eachPodGetsExactlyItsReasons(String pod, String reasons) {
        Map<String, Set<String>> byName = reasonsByName(analyzeAll());
        if (reasons == null) {
            assertThat(byName).doesNotContainKey(pod);
        } else {
            assertThat(byName.get(pod)).containsExactlyInAnyOrder(reasons.split(","));
        }
    }

    @Test
    void crashLoopNamesRestartsAndExitCodeWithParentAndEvidence() {
        Finding f = only(analyzeAll(), "payments-7c9d-x2x", "CrashLoopBackOff");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.analyzer()).isEqualTo("pod");
        assertThat(f.kind()).isEqualTo("Pod");
        assertThat(f.namespace()).isEqualTo("shop");
        assertThat(f.message()).isEqualTo("container app restarted 12 times; last exit code 1 (Error)");
        assertThat(f.parent()).isEqualTo("Deployment/shop/payments");
        assertThat(f.evidence()).containsExactly("event BackOff x31: Back-off restarting failed container app in pod payments-7c9d-x2x_shop");
    }

    @Test
    void messagesCarryTheConcreteValues() {
        List<Finding> all = analyzeAll();
        assertThat(only(all, "worker-oom", "OOMKilled").message())
                .isEqualTo("container worker was OOMKilled (memory limit 128Mi) in its last run; restarted 7 times and now waits in CrashLoopBackOff");
        assertThat(only(all, "config-missing", "CreateContainerConfigError").message())
                .isEqualTo("container app cannot start: ConfigMap app-config does not exist");
        assertThat(only(all, "key-missing", "CreateContainerConfigError").message())
                .isEqualTo("container app cannot start: key password is missing from Secret db-creds");
        assertThat(only(all, "too-big", "Unschedulable").message())
                .startsWith("pod cannot be scheduled: 0/3 nodes are available: 3 Insufficient cpu.");
        assertThat(only(all, "evicted", "Evicted").severity()).isEqualTo(Severity.WARNING);
        assertThat(only(all, "evicted", "Evicted").message()).contains("low on resource: memory");
        assertThat(only(all, "migrate-once", "PodFailed").message())
                .isEqualTo("pod failed; container migrate exited with code 2 (Error)");
        assertThat(only(all, "image-typo", "ImagePullBackOff").message())
                .startsWith("container web cannot pull image nginx:1.27-alpinee (ImagePullBackOff");
        assertThat(only(all, "init-crash", "CrashLoopBackOff").message())
                .isEqualTo("init container wait-db restarted 6 times; last exit code 1 (Error)");
        assertThat(only(all, "flaky", "HighRestartCount").message())
                .isEqualTo("container app is running but has restarted 9 times; last exit code 143 (Error)");
        assertThat(only(all, "stuck-terminating", "StuckTerminating").message())
                .isEqualTo("pod has been terminating for 1h past its deletion time (grace period 30s) on node node-2; finalizers: example.com/cleanup");
    }

    @Test
    void readinessQuotesTheProbeFailureAndCarriesTheEvent() {
        Finding f = only(analyzeAll(), "probe-failing", "ReadinessProbeFailing");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).isEqualTo("pod is Running but not Ready for 2m; containers not ready: api; "
                + "last probe failure: Readiness probe failed: HTTP probe failed with statuscode: 503");
        assertThat(f.evidence()).containsExactly("event Unhealthy x9: Readiness probe failed: HTTP probe failed with statuscode: 503");
        assertThat(only(analyzeAll(), "never-ready", "ReadinessProbeFailing").message())
                .isEqualTo("pod is Running but not Ready for 30m; containers not ready: api");
    }

    @Test
    void failedMountQuotesTheEvent() {
        Finding f = only(analyzeAll(), "nfs-client", "FailedMount");
        assertThat(f.message()).isEqualTo("pod is stuck in ContainerCreating for 20m (FailedMount): "
                + "MountVolume.SetUp failed for volume \"shared\" : mount failed: exit status 32");
        assertThat(f.evidence()).singleElement().asString().startsWith("event FailedMount x8:");
    }

    @Test
    void missingReferencesListEveryPlaceAndRespectOptional() {
        List<Finding> all = analyzeAll();
        assertThat(only(all, "dangling-refs", "MissingConfigMap").message())
                .isEqualTo("ConfigMap missing-cm does not exist (referenced by volume cfg, envFrom of container app)");
        assertThat(only(all, "dangling-refs", "MissingPVC").message())
                .isEqualTo("PersistentVolumeClaim missing-data does not exist (referenced by volume data)");
        assertThat(only(all, "dangling-refs", "MissingServiceAccount").message())
                .isEqualTo("ServiceAccount ghost-sa does not exist");
        List<String> secrets = all.stream()
                .filter(f -> f.name().equals("dangling-refs") && f.reason().equals("MissingSecret"))
                .map(Finding::message).toList();
        assertThat(secrets).containsExactlyInAnyOrder(
                "Secret api-token does not exist (referenced by env API_TOKEN of container app)",
                "Secret missing-tls does not exist (referenced by volume certs)",
                "Secret regcred does not exist (referenced by imagePullSecrets)");
        // optional flags / optional-ca are never reported
        assertThat(all).noneMatch(f -> f.message().contains("flags") || f.message().contains("optional-ca"));
    }

    @Test
    void missingReferencesStaySilentWhenTheKindWasNotCollected() {
        ClusterSnapshot snapshot = load("pods.yaml", Set.of(Pod.class, Event.class));
        List<Finding> findings = analyzer.analyze(snapshot);
        assertThat(findings).noneMatch(f -> f.reason().startsWith("Missing"));
        // without the reference findings the mount failure is reported on its own
        assertThat(reasonsByName(findings).get("dangling-refs")).containsExactly("FailedMount");
    }

    @Test
    void defaultServiceAccountCountsOnlyWhenCollectedAndPresent() {
        ClusterSnapshot withAccounts = WorkloadTestSnapshots.load("pods.yaml",
                Set.of(Pod.class, ServiceAccount.class));
        // "default" is present in the fixture: no finding for pods that rely on it
        assertThat(analyzer.analyze(withAccounts)).filteredOn(f -> f.reason().equals("MissingServiceAccount"))
                .extracting(Finding::name).containsExactly("dangling-refs");
        ClusterSnapshot noAccounts = ClusterSnapshot.builder("t", WorkloadTestSnapshots.NOW)
                .collected(ServiceAccount.class)
                .add(WorkloadTestSnapshots.objects("pods.yaml").stream()
                        .filter(o -> o.getMetadata().getName().equals("payments-7c9d-h8k")).findFirst().orElseThrow())
                .build();
        assertThat(analyzer.analyze(noAccounts)).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("ServiceAccount default does not exist"));
    }

    @Test
    void failedJobPodsAreJudgedWhenTheirJobWasNotRead() {
        // --filter pod reads no Jobs: nobody else reports the outcome, so the pods speak for themselves
        Map<String, Set<String>> byName = reasonsByName(analyzer.analyze(load("pods.yaml", analyzer.needs())));
        assertThat(byName.get("import-retry")).containsExactly("PodFailed");
        assertThat(byName.get("import-evicted")).containsExactly("Evicted");
        assertThat(byName.get("import-oom")).containsExactly("OOMKilled");
    }

    @Test
    void staticPodParentIsItsNodeWithoutNamespace() {
        // mirror pods of static pods are owned by the (cluster-scoped) Node
        Pod mirror = new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("kube-scheduler-node-1").withNamespace("kube-system")
                .addNewOwnerReference().withApiVersion("v1").withKind("Node").withName("node-1")
                .withUid("00000000-0000-0000-0000-0000000000e1").withController(true).endOwnerReference().endMetadata()
                .withNewSpec().addNewContainer().withName("kube-scheduler").withImage("registry.k8s.io/kube-scheduler:v1.34.4")
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewContainerStatus().withName("kube-scheduler").withRestartCount(8)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .endContainerStatus().endStatus().build();
        ClusterSnapshot snapshot = ClusterSnapshot.builder("t", WorkloadTestSnapshots.NOW).collected(Pod.class).add(mirror).build();
        assertThat(analyzer.analyze(snapshot)).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("CrashLoopBackOff");
            assertThat(f.parent()).isEqualTo("Node/node-1");
        });
    }

    @Test
    void unnamedContainerStatusDoesNotCrash() {
        Pod failed = new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("no-name").withNamespace("shop").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("app:1").endContainer().endSpec()
                .withNewStatus().withPhase("Failed").addNewContainerStatus()
                .withNewState().withNewTerminated().withReason("OOMKilled").withExitCode(137).endTerminated().endState()
                .endContainerStatus().endStatus().build();
        ClusterSnapshot snapshot = ClusterSnapshot.builder("t", WorkloadTestSnapshots.NOW).collected(Pod.class).add(failed).build();
        assertThat(analyzer.analyze(snapshot)).extracting(Finding::reason).containsExactly("OOMKilled");
    }

    @Test
    void aMalformedPodIsSkippedAndTheOthersAreStillJudged() {
        // a null entry in containerStatuses (hand-edited snapshot file) used to drop every pod finding
        io.fabric8.kubernetes.api.model.PodStatus status = new io.fabric8.kubernetes.api.model.PodStatus();
        status.setPhase("Running");
        status.setContainerStatuses(java.util.Arrays.asList((io.fabric8.kubernetes.api.model.ContainerStatus) null));
        Pod malformed = new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("malformed").withNamespace("shop").endMetadata().build();
        malformed.setStatus(status);
        ClusterSnapshot snapshot = ClusterSnapshot.builder("t", WorkloadTestSnapshots.NOW).collected(Pod.class)
                .add(malformed)
                .add(WorkloadTestSnapshots.objects("pods.yaml").stream()
                        .filter(o -> o.getMetadata().getName().equals("image-typo")).findFirst().orElseThrow())
                .build();
        assertThat(analyzer.analyze(snapshot)).extracting(Finding::name, Finding::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("image-typo", "ImagePullBackOff"));
    }

    @Test
    void needsListsEveryKindRead() {
        assertThat(analyzer.needs()).containsExactlyInAnyOrder(Pod.class, Event.class, ConfigMap.class, Secret.class,
                PersistentVolumeClaim.class, ServiceAccount.class);
        assertThat(analyzer.name()).isEqualTo("pod");
    }
}
