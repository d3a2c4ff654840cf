package dev.k8sai.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AnonymizerTest {

    @Test
    void placeholdersAreStableAndRestored() {
        Anonymizer a = new Anonymizer();
        assertThat(a.register("Pod", "web")).isEqualTo("pod-1");
        assertThat(a.register("Pod", "web-7d9f")).isEqualTo("pod-2");
        assertThat(a.register("Pod", "web")).isEqualTo("pod-1");
        assertThat(a.register("Namespace", "shop")).isEqualTo("namespace-1");

        String text = "Pod web-7d9f in shop restarts; web is fine. See web.shop.svc, not webhook.";
        String anon = a.anonymize(text);
        assertThat(anon).isEqualTo("Pod pod-2 in namespace-1 restarts; pod-1 is fine. See pod-1.namespace-1.svc, not webhook.");
        assertThat(a.restore(anon)).isEqualTo(text);
    }

    @Test
    void restoreDoesNotConfusePod1WithPod10() {
        Anonymizer a = new Anonymizer();
        for (int i = 1; i <= 10; i++) {
            a.register("pod", "real" + i);
        }
        assertThat(a.restore("pod-10 and pod-1")).isEqualTo("real10 and real1");
    }

    @Test
    void anonymizesKubernetesJson() throws Exception {
        JsonNode pod = new ObjectMapper().readTree("""
                {"kind":"Pod","metadata":{"name":"checkout-5f7","namespace":"shop","labels":{"app":"checkout"}},
                 "status":{"message":"Back-off restarting failed container in pod checkout-5f7"}}""");
        Anonymizer a = new Anonymizer();
        JsonNode anon = a.anonymize(pod);
        assertThat(anon.toString()).doesNotContain("checkout-5f7").doesNotContain("\"shop\"")
                .contains("\"pod-1\"", "\"namespace-1\"", "in pod pod-1");
        assertThat(a.mappings()).containsEntry("checkout-5f7", "pod-1").containsEntry("shop", "namespace-1");
        assertThat(a.restore("Fix pod-1 in namespace-1")).isEqualTo("Fix checkout-5f7 in shop");
    }
}
