package dev.k8sai.analyze;

import static dev.k8sai.analyze.NetTestSnapshots.about;
import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ServiceAnalyzerTest {

    private final ServiceAnalyzer analyzer = new ServiceAnalyzer();
    private final List<Finding> findings = analyzer.analyze(NetTestSnapshots.snapshot(analyzer, "services.yaml"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "ghost,   SelectorMatchesNoPods, CRITICAL, 'selector app=ghost,tier=front matches no pod in namespace shop.'",
            "api,     ServiceNoEndpoints,    CRITICAL, '1 pod matches selector app=api (0 ready) but the service has no ready endpoint (1 not ready).'",
            "metrics, TargetPortNotFound,    WARNING,  'port metrics (9090) targets the named port \"metrics\", which no container of the 1 matching pod declares.'",
    })
    void eachReasonFiresOnTheBrokenService(String name, String reason, Severity severity, String message) {
        assertThat(about(findings, name)).singleElement().satisfies(f -> {
            assertThat(f.analyzer()).isEqualTo("service");
            assertThat(f.kind()).isEqualTo("Service");
            assertThat(f.namespace()).isEqualTo("shop");
            assertThat(f.reason()).isEqualTo(reason);
            assertThat(f.severity()).isEqualTo(severity);
            assertThat(f.message()).isEqualTo(message);
        });
    }

    @Test
    void healthyTwinAndSkippedServicesYieldNothing() {
        assertThat(about(findings, "web")).isEmpty();
        assertThat(about(findings, "cname")).as("ExternalName").isEmpty();
        assertThat(about(findings, "manual")).as("no selector").isEmpty();
        assertThat(findings).hasSize(3);
    }

    @Test
    void evidenceCarriesWarningEventsOnly() {
        assertThat(about(findings, "ghost").getFirst().evidence()).containsExactly(
                "event SyncLoadBalancerFailed x7: Error syncing load balancer: failed to ensure load balancer: no available nodes for service");
    }

    @Test
    void coreEndpointsAreUsedWhenSlicesWereNotCollected() {
        ClusterSnapshot snapshot = NetTestSnapshots.snapshotWithout(analyzer, "services.yaml", EndpointSlice.class);
        assertThat(analyzer.analyze(snapshot)).extracting(Finding::name, Finding::reason)
                .containsExactlyInAnyOrderElementsOf(findings.stream().map(f -> org.assertj.core.groups.Tuple.tuple(f.name(), f.reason())).toList());
    }

    @Test
    void silentAboutPodsWhenPodsWereNotCollected() {
        assertThat(analyzer.analyze(NetTestSnapshots.snapshotWithout(analyzer, "services.yaml", Pod.class))).isEmpty();
    }

    @Test
    void noEndpointCheckWhenNeitherEndpointKindWasCollected() {
        ClusterSnapshot.Builder b = ClusterSnapshot.builder("test", NetTestSnapshots.NOW).collected(Pod.class);
        NetTestSnapshots.load("services.yaml").stream()
                .filter(o -> !(o instanceof EndpointSlice) && !(o instanceof io.fabric8.kubernetes.api.model.Endpoints))
                .forEach(b::add);
        assertThat(analyzer.analyze(b.build())).extracting(Finding::reason)
                .containsExactlyInAnyOrder("SelectorMatchesNoPods", "TargetPortNotFound");
    }
}
