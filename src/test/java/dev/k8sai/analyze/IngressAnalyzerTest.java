package dev.k8sai.analyze;

import static dev.k8sai.analyze.NetTestSnapshots.about;
import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngressAnalyzerTest {

    private final IngressAnalyzer analyzer = new IngressAnalyzer();
    private final List<Finding> findings = analyzer.analyze(NetTestSnapshots.snapshot(analyzer, "ingresses.yaml"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "wrong-class     | IngressClassNotFound   | CRITICAL | ingressClassName names IngressClass traefik, which does not exist.",
            "legacy-class    | IngressClassNotFound   | CRITICAL | annotation kubernetes.io/ingress.class names IngressClass haproxy, which does not exist.",
            "classless       | IngressClassNotSet     | WARNING  | the ingress names no class (no ingressClassName or kubernetes.io/ingress.class annotation) and none of the 1 IngressClass is marked default, so controllers will likely ignore it.",
            "missing-svc     | BackendServiceNotFound | CRITICAL | path shop.example.com/checkout routes to Service checkout, which does not exist in namespace shop.",
            "bad-port-number | BackendPortNotFound    | CRITICAL | path shop.example.com/ routes to port 8080 of Service web, which only exposes 80 (http).",
            "bad-port-name   | BackendPortNotFound    | CRITICAL | path */ routes to port \"https\" of Service web, which only exposes 80 (http).",
            "bad-tls         | TLSSecretNotFound      | WARNING  | the tls entry for hosts pay.example.com names Secret pay-tls, which does not exist in namespace shop.",
    })
    void eachReasonFiresOnceOnTheBrokenIngress(String name, String reason, Severity severity, String message) {
        assertThat(about(findings, name)).singleElement().satisfies(f -> {
            assertThat(f.analyzer()).isEqualTo("ingress");
            assertThat(f.kind()).isEqualTo("Ingress");
            assertThat(f.namespace()).isEqualTo("shop");
            assertThat(f.reason()).isEqualTo(reason);
            assertThat(f.severity()).isEqualTo(severity);
            assertThat(f.message()).isEqualTo(message);
        });
    }

    @Test
    void healthyTwinsYieldNothing() {
        assertThat(about(findings, "storefront")).isEmpty();
        assertThat(about(findings, "legacy-ok")).isEmpty();
        assertThat(findings).hasSize(7);
    }

    @Test
    void evidenceCarriesWarningEvents() {
        assertThat(about(findings, "bad-tls").getFirst().evidence())
                .containsExactly("event Sync x12: Error syncing to GCP: error running load balancer syncing routine: secret \"pay-tls\" not found");
    }

    @Test
    void aDefaultIngressClassServesClasslessIngresses() {
        List<HasMetadata> objects = new ArrayList<>(NetTestSnapshots.load("ingresses.yaml"));
        objects.add(new IngressClassBuilder().withNewMetadata().withName("public")
                .addToAnnotations(IngressAnalyzer.DEFAULT_CLASS_ANNOTATION, "true").endMetadata()
                .withNewSpec().withController("k8s.io/ingress-nginx").endSpec().build());
        ClusterSnapshot snapshot = NetTestSnapshots.snapshot(analyzer.needs(), objects);
        assertThat(about(analyzer.analyze(snapshot), "classless")).isEmpty();
    }

    @Test
    void missingReferencesAreNotReportedForKindsThatWereNotCollected() {
        assertThat(analyzer.analyze(NetTestSnapshots.snapshotWithout(analyzer, "ingresses.yaml", IngressClass.class)))
                .extracting(Finding::reason).doesNotContain("IngressClassNotFound", "IngressClassNotSet").isNotEmpty();
        assertThat(analyzer.analyze(NetTestSnapshots.snapshotWithout(analyzer, "ingresses.yaml", Service.class)))
                .extracting(Finding::reason).doesNotContain("BackendServiceNotFound", "BackendPortNotFound").isNotEmpty();
        assertThat(analyzer.analyze(NetTestSnapshots.snapshotWithout(analyzer, "ingresses.yaml", Secret.class)))
                .extracting(Finding::reason).doesNotContain("TLSSecretNotFound").isNotEmpty();
    }
}
