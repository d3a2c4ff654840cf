package dev.k8sai.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fixtures are real manifests: applied to the real API server (objects and status), read back
 * by LIST, they yield the findings the unit tests expect. Events are left out because their
 * involvedObject names the fixture namespace, which the API server requires to match the Event's own.
 */
@RealCluster
class NetworkAnalyzersClusterTest {

    @Test
    void serviceFixtureYieldsTheSameFindingsFromALiveCluster(TestCluster cluster, TestNamespace ns) throws InterruptedException {
        // Slices and Endpoints are the controller's job on a live cluster; hand-written ones would race it.
        apply(ns, "services.yaml", o -> !(o instanceof Event || o instanceof EndpointSlice || o instanceof Endpoints));
        KubernetesClient client = cluster.client();
        ServiceAnalyzer analyzer = new ServiceAnalyzer();
        List<Finding> findings = List.of();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
        while (Instant.now().isBefore(deadline)) {
            ClusterSnapshot snapshot = ClusterSnapshot.builder("live", Instant.now())
                    .collected(Service.class).collected(Pod.class).collected(EndpointSlice.class)
                    .addAll(client.services().inNamespace(ns.name()).list().getItems())
                    .addAll(client.pods().inNamespace(ns.name()).list().getItems())
                    .addAll(client.discovery().v1().endpointSlices().inNamespace(ns.name()).list().getItems())
                    .build();
            findings = analyzer.analyze(snapshot);
            // The endpoint-slice controller has caught up once api has a slice.
            boolean sliced = snapshot.list(EndpointSlice.class).stream()
                    .anyMatch(s -> "api".equals(s.getMetadata().getLabels().get(NetEndpoints.SERVICE_NAME_LABEL)));
            if (sliced) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(findings).extracting(Finding::name, Finding::reason).contains(
                tuple("ghost", "SelectorMatchesNoPods"),
                tuple("api", "ServiceNoEndpoints"),
                tuple("metrics", "TargetPortNotFound"));
        assertThat(findings).extracting(Finding::name).doesNotContain("cname", "manual");
    }

    @Test
    void ingressFixtureYieldsTheSameFindingsFromALiveCluster(TestCluster cluster, TestNamespace ns) {
        apply(ns, "ingresses.yaml", o -> !(o instanceof Event));
        KubernetesClient client = cluster.client();
        ClusterSnapshot snapshot = ClusterSnapshot.builder("live", Instant.now())
                .collected(Ingress.class).collected(IngressClass.class).collected(Service.class).collected(Secret.class)
                .addAll(client.network().v1().ingresses().inNamespace(ns.name()).list().getItems())
                .addAll(client.network().v1().ingressClasses().list().getItems())
                .addAll(client.services().inNamespace(ns.name()).list().getItems())
                .addAll(client.secrets().inNamespace(ns.name()).list().getItems())
                .build();
        assertThat(new IngressAnalyzer().analyze(snapshot)).extracting(Finding::name, Finding::reason)
                .containsExactlyInAnyOrder(
                        tuple("wrong-class", "IngressClassNotFound"),
                        tuple("legacy-class", "IngressClassNotFound"),
                        tuple("classless", "IngressClassNotSet"),
                        tuple("missing-svc", "BackendServiceNotFound"),
                        tuple("bad-port-number", "BackendPortNotFound"),
                        tuple("bad-port-name", "BackendPortNotFound"),
                        tuple("bad-tls", "TLSSecretNotFound"));
    }

    private static void apply(TestNamespace ns, String fixture, java.util.function.Predicate<HasMetadata> keep) {
        List<HasMetadata> objects = NetTestSnapshots.load(fixture).stream().filter(keep).toList();
        ns.apply(new KubernetesSerialization().asYaml(new KubernetesListBuilder().withItems(objects).build()));
    }
}
