package dev.k8sai.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnusedConfigAnalyzerTest {

    private final UnusedConfigAnalyzer configMaps = UnusedConfigAnalyzer.configMaps();
    private final UnusedConfigAnalyzer secrets = UnusedConfigAnalyzer.secrets();

    @Test
    void onlyTheUnreferencedConfigMapIsReported() {
        List<Finding> findings = configMaps.analyze(NetTestSnapshots.snapshot(configMaps, "unused.yaml"));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.analyzer()).isEqualTo("configmap");
            assertThat(f.kind()).isEqualTo("ConfigMap");
            assertThat(f.namespace()).isEqualTo("shop");
            assertThat(f.name()).isEqualTo("orphan-settings");
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.reason()).isEqualTo("Unused");
            assertThat(f.message()).isEqualTo(
                    "ConfigMap orphan-settings is referenced by no pod or pod template in namespace shop (volumes, env, envFrom).");
        });
    }

    @Test
    void onlyTheUnreferencedSecretIsReported() {
        List<Finding> findings = secrets.analyze(NetTestSnapshots.snapshot(secrets, "unused.yaml"));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.analyzer()).isEqualTo("secret");
            assertThat(f.kind()).isEqualTo("Secret");
            assertThat(f.name()).isEqualTo("old-api-key");
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.reason()).isEqualTo("Unused");
            assertThat(f.message()).isEqualTo("Secret old-api-key is referenced by no pod or pod template (volumes, env, envFrom,"
                    + " imagePullSecrets), ingress TLS entry or service account in namespace shop.");
        });
    }

    /** Removing one referrer makes exactly what it referenced unused: each reference path is really counted. */
    @Test
    void eachReferrerCounts() {
        assertThat(namesWithout(configMaps, Deployment.class)).containsExactlyInAnyOrder("orphan-settings", "worker-env");
        assertThat(namesWithout(secrets, Deployment.class)).containsExactlyInAnyOrder("old-api-key", "worker-secrets");
        assertThat(namesWithoutObjects(configMaps, Pod.class))
                .containsExactlyInAnyOrder("orphan-settings", "app-config", "init-config", "bundle-config");
        assertThat(namesWithoutObjects(secrets, Pod.class))
                .containsExactlyInAnyOrder("old-api-key", "db-creds", "pod-pull", "bundle-secret");
        assertThat(namesWithoutObjects(secrets, Ingress.class)).containsExactlyInAnyOrder("old-api-key", "web-tls");
        assertThat(namesWithoutObjects(secrets, ServiceAccount.class)).containsExactlyInAnyOrder("old-api-key", "regcred");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pod", "ingress", "serviceaccount"})
    void silentWhenARequiredReferrerKindWasNotCollected(String kind) {
        Class<? extends HasMetadata> missing = switch (kind) {
            case "pod" -> Pod.class;
            case "ingress" -> Ingress.class;
            default -> ServiceAccount.class;
        };
        assertThat(secrets.analyze(NetTestSnapshots.snapshotWithout(secrets, "unused.yaml", missing))).isEmpty();
        if (missing == Pod.class) {
            assertThat(configMaps.analyze(NetTestSnapshots.snapshotWithout(configMaps, "unused.yaml", missing))).isEmpty();
        }
    }

    private static List<String> namesWithout(UnusedConfigAnalyzer analyzer, Class<? extends HasMetadata> kind) {
        return analyzer.analyze(NetTestSnapshots.snapshotWithout(analyzer, "unused.yaml", kind)).stream().map(Finding::name).toList();
    }

    /** Objects of {@code kind} dropped but the kind still marked collected (it exists, just empty). */
    private static List<String> namesWithoutObjects(UnusedConfigAnalyzer analyzer, Class<? extends HasMetadata> kind) {
        List<HasMetadata> objects = NetTestSnapshots.load("unused.yaml").stream().filter(o -> !kind.isInstance(o)).toList();
        return analyzer.analyze(NetTestSnapshots.snapshot(analyzer.needs(), objects)).stream().map(Finding::name).toList();
    }
}
