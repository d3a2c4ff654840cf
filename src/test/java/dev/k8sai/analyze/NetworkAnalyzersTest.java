package dev.k8sai.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import org.junit.jupiter.api.Test;

class NetworkAnalyzersTest {

    @Test
    void registryHoldsEveryFamilyOnceInReportOrder() {
        assertThat(NetworkAnalyzers.all()).extracting(Analyzer::name).containsExactly(
                "service", "ingress", "pvc", "node", "networkpolicy", "webhook", "namespace", "quota", "configmap", "secret",
                "storage", "gateway", "httproute", "olm", "security", "conditions");
    }

    @Test
    void everyAnalyzerNeedsEventsForEvidence() {
        // security's findings carry no evidence: it stands for a workload, not for one event stream
        assertThat(NetworkAnalyzers.all()).filteredOn(a -> !a.name().equals("security"))
                .allSatisfy(a -> assertThat(a.needs()).contains(Event.class));
    }
}
