package dev.k8sai.analyze;

import static dev.k8sai.analyze.NetTestSnapshots.about;
import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookAnalyzerTest {

    private final WebhookAnalyzer analyzer = new WebhookAnalyzer();
    private final List<Finding> findings = analyzer.analyze(NetTestSnapshots.snapshot(analyzer, "webhooks.yaml"));

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "gatekeeper-validating-webhook-configuration | ValidatingWebhookConfiguration | WebhookServiceNotFound    | CRITICAL | webhook validation.gatekeeper.sh calls Service gatekeeper-system/gatekeeper-webhook-service, which does not exist; with failurePolicy Fail, matching API requests are rejected.",
            "cert-checker                                | MutatingWebhookConfiguration   | WebhookServiceNotFound    | CRITICAL | webhook certs.example.com calls Service certs/cert-checker, which does not exist; with failurePolicy Fail, matching API requests are rejected.",
            "leftover-chart-webhook                      | ValidatingWebhookConfiguration | WebhookServiceNotFound    | CRITICAL | webhook validate.leftover.example.com calls Service uninstalled-chart/leftover-webhook, whose namespace uninstalled-chart does not exist; with failurePolicy Fail, matching API requests are rejected.",
            "sidecar-injector                            | MutatingWebhookConfiguration   | WebhookServiceNoEndpoints | WARNING  | webhook sidecar-injector.mesh.io calls Service mesh/injector, which has no ready endpoint (2 not ready); with failurePolicy Ignore, matching API requests skip this webhook.",
    })
    void eachReasonFiresOncePerBrokenWebhook(String name, String kind, String reason, Severity severity, String message) {
        assertThat(about(findings, name)).singleElement().satisfies(f -> {
            assertThat(f.analyzer()).isEqualTo("webhook");
            assertThat(f.kind()).isEqualTo(kind);
            assertThat(f.namespace()).isNull();
            assertThat(f.reason()).isEqualTo(reason);
            assertThat(f.severity()).isEqualTo(severity);
            assertThat(f.message()).isEqualTo(message);
        });
    }

    @Test
    void healthyWebhooksAndUrlWebhooksYieldNothing() {
        assertThat(about(findings, "policy-ok")).isEmpty();
        assertThat(about(findings, "inject-ok")).isEmpty();
        assertThat(findings).hasSize(4);
    }

    @Test
    void outsideTheReadScopeOnlyAWebhookIntoAMissingNamespaceIsJudged() {
        // analyze -n policy: the webhook configurations and Namespaces are cluster-scoped and listed in
        // full, Services only in policy; the Services of existing namespaces are not judged
        var objects = NetTestSnapshots.load("webhooks.yaml").stream()
                .filter(o -> o.getMetadata().getNamespace() == null || o.getMetadata().getNamespace().equals("policy"))
                .toList();
        var snapshot = inNamespace("policy", objects);
        assertThat(analyzer.analyze(snapshot)).extracting(Finding::name, Finding::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("leftover-chart-webhook", "WebhookServiceNotFound"));
        assertThat(analyzer.notChecked(snapshot)).extracting(n -> n.namespace() + ":" + n.references() + ":" + n.why())
                .containsExactlyInAnyOrder("gatekeeper-system:1:namespace not read", "mesh:1:namespace not read",
                        "certs:1:namespace not read");
    }

    /** As a live read with -n NS builds it: namespaced kinds listed in NS only, cluster-scoped ones in full. */
    private ClusterSnapshot inNamespace(String ns, List<? extends HasMetadata> objects) {
        ClusterSnapshot.Builder b = ClusterSnapshot.builder("live", NetTestSnapshots.NOW);
        for (Class<? extends HasMetadata> kind : analyzer.needs()) {
            if (Namespaced.class.isAssignableFrom(kind)) {
                b.collectedIn(kind, ns);
            } else {
                b.collected(kind);
            }
        }
        return b.addAll(objects).build();
    }

    @Test
    void webhookIntoAnUnreadNamespaceYieldsNothing() {
        // analyze -n shop while cert-manager's webhook points at cert-manager/cert-manager-webhook
        var shopService = new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("web").withNamespace("shop").endMetadata()
                .withNewSpec().addToSelector("app", "web").endSpec().build();
        var certManager = new io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder()
                .withNewMetadata().withName("cert-manager-webhook").endMetadata()
                .addNewWebhook().withName("webhook.cert-manager.io").withFailurePolicy("Fail")
                .withNewClientConfig().withNewService().withNamespace("cert-manager").withName("cert-manager-webhook")
                .endService().endClientConfig().endWebhook().build();
        var certManagerNs = new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("cert-manager")
                .endMetadata().build();
        var snapshot = inNamespace("shop", List.of(shopService, certManager, certManagerNs));
        assertThat(analyzer.analyze(snapshot)).isEmpty();
        assertThat(analyzer.notChecked(snapshot)).singleElement()
                .isEqualTo(new dev.k8sai.report.FindingsReport.NotChecked("Service", "cert-manager", 1, "namespace not read"));
    }

    @Test
    void withoutServicesOnlyTheWebhookIntoAMissingNamespaceIsReported() {
        assertThat(analyzer.analyze(NetTestSnapshots.snapshotWithout(analyzer, "webhooks.yaml", Service.class)))
                .extracting(Finding::name).containsExactly("leftover-chart-webhook");
    }

    @Test
    void noEndpointCheckWhenNoEndpointKindWasCollected() {
        var kinds = new java.util.HashSet<>(analyzer.needs());
        kinds.remove(EndpointSlice.class);
        kinds.remove(Endpoints.class);
        var objects = NetTestSnapshots.load("webhooks.yaml").stream().filter(o -> !(o instanceof EndpointSlice)).toList();
        assertThat(analyzer.analyze(NetTestSnapshots.snapshot(kinds, objects)))
                .extracting(Finding::reason).containsOnly("WebhookServiceNotFound").hasSize(3);
    }
}
