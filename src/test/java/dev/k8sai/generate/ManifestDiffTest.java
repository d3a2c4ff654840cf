package dev.k8sai.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

class ManifestDiffTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void secretValuesAreMaskedButChangedKeysStillShow() throws Exception {
        JsonNode live = YAML.readTree("kind: Secret\ndata: {user: YWRtaW4=, password: b2xk}\n");
        JsonNode next = YAML.readTree("kind: Secret\ndata: {user: YWRtaW4=, password: bmV3, token: eA==}\n");
        ManifestDiff.maskSecretValues(live, next);
        String diff = LineDiff.unified("live", ManifestDiff.yaml(live), "gen", ManifestDiff.yaml(next));
        assertThat(diff).doesNotContain("YWRtaW4=", "b2xk", "bmV3", "eA==")
                .contains("-  password: '*** (before)'", "+  password: '*** (after)'", "+  token: '*** (after)'", "   user: '***'");
    }

    @Test
    void serverBookkeepingIsRemovedAndKeysAreSorted() throws Exception {
        JsonNode live = YAML.readTree("""
                kind: ConfigMap
                metadata:
                  name: c
                  uid: 1234
                  resourceVersion: "77"
                  creationTimestamp: "2026-01-01T00:00:00Z"
                  managedFields: [{manager: x}]
                  annotations: {kubectl.kubernetes.io/last-applied-configuration: "{}"}
                data: {b: "2", a: "1"}
                status: {x: y}
                apiVersion: v1
                """);
        assertThat(ManifestDiff.yaml(live)).isEqualTo("""
                apiVersion: v1
                data:
                  a: "1"
                  b: "2"
                kind: ConfigMap
                metadata:
                  name: c
                """);
    }
}
