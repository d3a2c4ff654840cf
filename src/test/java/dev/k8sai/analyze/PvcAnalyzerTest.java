package dev.k8sai.analyze;

import static dev.k8sai.analyze.NetTestSnapshots.about;
import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PvcAnalyzerTest {

    private final PvcAnalyzer analyzer = new PvcAnalyzer();
    private final List<Finding> findings = analyzer.analyze(NetTestSnapshots.snapshot(analyzer, "pvcs.yaml"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "data-pending | PVCPending           | claim has been Pending for 2h15m (storage class standard, requests 10Gi); ProvisioningFailed: failed to provision volume with StorageClass \"standard\": rpc error: code = Internal desc = Could not create volume: UnauthorizedOperation.",
            "wait-used    | PVCPending           | claim has been Pending for 10m (storage class local-wait, requests 2Gi); no provisioner has reported progress.",
            "data-noclass | StorageClassNotFound | storageClassName names StorageClass fast-ssd, which does not exist, so the claim stays Pending.",
            "data-lost    | PVCLost              | claim is Lost: its PersistentVolume pvc-9f8e7d6c no longer exists, so its data is unreachable.",
    })
    void eachReasonFiresOnceOnTheBrokenClaim(String name, String reason, String message) {
        assertThat(about(findings, name)).singleElement().satisfies(f -> {
            assertThat(f.analyzer()).isEqualTo("pvc");
            assertThat(f.kind()).isEqualTo("PersistentVolumeClaim");
            assertThat(f.namespace()).isEqualTo("shop");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.reason()).isEqualTo(reason);
            assertThat(f.message()).isEqualTo(message);
        });
    }

    @Test
    void boundWaitingAndFreshClaimsYieldNothing() {
        assertThat(about(findings, "data-ok")).isEmpty();
        assertThat(about(findings, "data-legacy")).as("Bound: its deleted class no longer matters").isEmpty();
        assertThat(about(findings, "wait-unused")).as("WaitForFirstConsumer, no pod yet").isEmpty();
        assertThat(about(findings, "fresh")).as("within the grace period").isEmpty();
        assertThat(findings).hasSize(4);
    }

    @Test
    void evidenceCarriesWarningEventsOnly() {
        assertThat(about(findings, "data-pending").getFirst().evidence()).singleElement().asString()
                .startsWith("event ProvisioningFailed x27: failed to provision volume");
    }

    @Test
    void missingStorageClassIsNotReportedWhenClassesWereNotCollected() {
        List<Finding> without = analyzer.analyze(NetTestSnapshots.snapshotWithout(analyzer, "pvcs.yaml", StorageClass.class));
        assertThat(about(without, "data-noclass")).extracting(Finding::reason).containsExactly("PVCPending");
    }
}
