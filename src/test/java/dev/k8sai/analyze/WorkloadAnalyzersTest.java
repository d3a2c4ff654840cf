package dev.k8sai.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadAnalyzersTest {

    @Test
    void registersEveryWorkloadFamilyInReportOrder() {
        assertThat(WorkloadAnalyzers.all()).extracting(Analyzer::name)
                .containsExactly("pod", "deployment", "replicaset", "statefulset", "daemonset", "job", "cronjob", "hpa", "pdb");
    }

    @Test
    void everyAnalyzerNeedsEventsForEvidence() {
        assertThat(WorkloadAnalyzers.all()).allSatisfy(a -> assertThat(a.needs()).contains(Event.class));
    }

    @Test
    void allFixturesTogetherYieldOnlySpecReasons() {
        Set<String> spec = Set.of("CrashLoopBackOff", "ImagePullBackOff", "CreateContainerConfigError", "CreateContainerError",
                "OOMKilled", "Unschedulable", "Evicted", "PodFailed", "ReadinessProbeFailing", "FailedMount",
                "MissingConfigMap", "MissingSecret", "MissingPVC", "MissingServiceAccount", "HighRestartCount",
                "StuckTerminating", "ReplicasUnavailable", "ProgressDeadlineExceeded", "ReplicaFailure", "ServiceNotFound",
                "StorageClassNotFound", "JobFailed", "InvalidSchedule", "CronJobSuspended", "LastRunFailed",
                "ScaleTargetNotFound", "MissingResourceRequests", "UnableToScale", "AtMaxReplicas", "BlocksEviction",
                "SelectorMatchesNoPods");
        for (String fixture : List.of("pods.yaml", "controllers.yaml", "cronjobs.yaml", "cronjobs-invalid.yaml", "autoscaling.yaml")) {
            Set<Class<? extends io.fabric8.kubernetes.api.model.HasMetadata>> kinds = new HashSet<>();
            WorkloadAnalyzers.all().forEach(a -> kinds.addAll(a.needs()));
            var snapshot = WorkloadTestSnapshots.load(fixture, kinds);
            for (Analyzer a : WorkloadAnalyzers.all()) {
                assertThat(a.analyze(snapshot)).allSatisfy(f -> {
                    assertThat(spec).contains(f.reason());
                    assertThat(f.analyzer()).isEqualTo(a.name());
                    assertThat(f.message()).doesNotContain("null");
                });
            }
        }
    }
}
