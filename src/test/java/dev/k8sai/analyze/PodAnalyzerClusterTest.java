package dev.k8sai.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The pod fixture loaded into the real API server (statuses written through the status subresource)
 * yields the same pod findings as the file, except for states the API server cannot be given:
 * a deletionTimestamp (StuckTerminating) is only ever set by a real delete.
 */
@RealCluster
class PodAnalyzerClusterTest {

    @Test
    void podStatesSurviveTheRealApiServer(TestCluster cluster, TestNamespace ns) {
        // Controllers are left out: the live deployment controller would replace the fixture's pods.
        List<HasMetadata> objects = WorkloadTestSnapshots.objects("pods.yaml").stream()
                .filter(o -> !(o instanceof Deployment) && !(o instanceof ReplicaSet)
                        && !(o instanceof io.fabric8.kubernetes.api.model.batch.v1.Job))
                .filter(o -> o.getMetadata().getDeletionTimestamp() == null)
                .toList();
        ns.apply(new KubernetesSerialization().asYaml(new io.fabric8.kubernetes.api.model.KubernetesListBuilder()
                .withItems(objects).build()));

        PodAnalyzer analyzer = new PodAnalyzer();
        ClusterSnapshot.Builder live = ClusterSnapshot.builder("live", WorkloadTestSnapshots.NOW);
        for (Class<? extends HasMetadata> kind : analyzer.needs()) {
            live.collected(kind);
            live.addAll(cluster.client().resources(kind).inNamespace(ns.name()).list().getItems());
        }
        ClusterSnapshot.Builder file = ClusterSnapshot.builder("file", WorkloadTestSnapshots.NOW);
        analyzer.needs().forEach(file::collected);
        objects.stream().filter(o -> analyzer.needs().contains(o.getClass())).forEach(file::add);

        Map<String, Set<String>> fromCluster = WorkloadTestSnapshots.reasonsByName(analyzer.analyze(live.build()));
        Map<String, Set<String>> fromFile = WorkloadTestSnapshots.reasonsByName(analyzer.analyze(file.build()));

        assertThat(fromCluster).isEqualTo(fromFile);
        assertThat(fromCluster.values().stream().flatMap(Set::stream).collect(Collectors.toSet()))
                .contains("CrashLoopBackOff", "ImagePullBackOff", "OOMKilled", "CreateContainerConfigError",
                        "Unschedulable", "MissingConfigMap", "MissingSecret", "MissingPVC", "Evicted");
    }
}
