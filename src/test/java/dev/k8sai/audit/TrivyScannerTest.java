package dev.k8sai.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.audit.AuditOptions.Check;
import dev.k8sai.audit.ImageScan.Failed;
import dev.k8sai.audit.ImageScan.Scanned;
import dev.k8sai.audit.ImageScan.Vulnerability;
import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * trivy itself cannot run in tests (it needs its vulnerability DB from the network), so a bash double
 * named {@code trivy} (src/test/resources/trivy/trivy) replays recorded JSON reports. It is copied to a
 * temp dir, made executable and found through the scanner's configurable search path — the same
 * lookup the real binary goes through.
 */
class TrivyScannerTest {

    @TempDir
    Path bin;
    Path log;

    @BeforeEach
    void installDouble() throws IOException {
        for (String file : List.of("trivy", "nginx-1.21.0.json", "app-1.4.2.json")) {
            try (InputStream in = getClass().getResourceAsStream("/trivy/" + file)) {
                Files.copy(in, bin.resolve(file));
            }
        }
        assertThat(bin.resolve("trivy").toFile().setExecutable(true)).isTrue();
        log = bin.resolve("calls.log");
    }

    private TrivyOptions options() {
        return TrivyOptions.defaults().withSearchPath("/nonexistent" + java.io.File.pathSeparator + bin);
    }

    @Test
    void findsTrivyOnTheSearchPathOnly() {
        assertThat(new TrivyScanner(options()).locate()).contains(bin.resolve("trivy"));
        assertThat(new TrivyScanner(TrivyOptions.defaults().withSearchPath("/nonexistent")).available()).isFalse();
    }

    @Test
    void parsesTheRecordedReportIntoCountsAndTopVulnerabilities() {
        ImageScan scan = new TrivyScanner(options()).scan("nginx:1.21.0");
        assertThat(scan).isInstanceOf(Scanned.class);
        Scanned s = (Scanned) scan;
        assertThat(s.total()).isEqualTo(17);
        assertThat(s.counts()).containsExactly(
                java.util.Map.entry("CRITICAL", 6), java.util.Map.entry("HIGH", 5), java.util.Map.entry("MEDIUM", 3),
                java.util.Map.entry("LOW", 3), java.util.Map.entry("UNKNOWN", 0));
        assertThat(s.top()).extracting(Vulnerability::id).containsExactly(
                "CVE-2024-24790", "CVE-2022-37434", "CVE-2021-22945", "CVE-2021-3711", "CVE-2021-33574");
        assertThat(s.top().get(0)).isEqualTo(new Vulnerability("CVE-2024-24790", "CRITICAL", "stdlib", "v1.19.4", "1.21.11, 1.22.4"));
        assertThat(s.top().get(4).fixedVersion()).isNull();
        assertThat(s.top().get(4).describe()).isEqualTo("CVE-2021-33574 (CRITICAL) libc-bin 2.28-10 (no fix)");
    }

    @Test
    void aCleanImageHasNoVulnerabilities() {
        Scanned s = (Scanned) new TrivyScanner(options()).scan("registry.example.com/shop/app:1.4.2");
        assertThat(s.total()).isZero();
        assertThat(s.top()).isEmpty();
    }

    @Test
    void passesOfflineFlagsAndExtraArgumentsAsSeparateArguments() throws IOException {
        TrivyOptions o = new TrivyOptions(null, options().searchPath(), true, List.of("--severity", "HIGH,CRITICAL"),
                Duration.ofSeconds(20), 3);
        TrivyScanner scanner = new TrivyScanner(o);
        assertThat(scanner.command(Path.of("trivy"), "nginx:1.21.0")).containsExactly("trivy", "image", "--format", "json",
                "--quiet", "--skip-db-update", "--offline-scan", "--severity", "HIGH,CRITICAL", "nginx:1.21.0");
        // the double logs what it actually received
        TrivyOptions logged = new TrivyOptions(writeLoggingWrapper(), null, true, List.of(), Duration.ofSeconds(20), 3);
        assertThat(new TrivyScanner(logged).scan("nginx:1.21.0")).isInstanceOf(Scanned.class);
        assertThat(Files.readAllLines(log)).containsExactly("image --format json --quiet --skip-db-update --offline-scan nginx:1.21.0");
        assertThat(((Scanned) scanner.scan("nginx:1.21.0")).top()).hasSize(3);
    }

    @Test
    void failuresBecomeOneLineReasons() {
        TrivyScanner scanner = new TrivyScanner(options());
        ImageScan missing = scanner.scan("ghcr.io/none/such:1");
        assertThat(missing).isInstanceOf(Failed.class);
        assertThat(((Failed) missing).reason()).startsWith("trivy exited with 1: ").contains("unable to find the specified image")
                .doesNotContain("\n");
        assertThat(((Failed) scanner.scan("garbage:1")).reason()).startsWith("trivy output is not JSON");
    }

    @Test
    void killsTrivyAfterTheTimeout() {
        TrivyOptions o = new TrivyOptions(null, options().searchPath(), false, List.of(), Duration.ofMillis(500), 5);
        long start = System.nanoTime();
        ImageScan scan = new TrivyScanner(o).scan("slow:1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(((Failed) scan).reason()).isEqualTo("trivy timed out after 500ms");
    }

    @Test
    void deduplicatesTheSameVulnerabilityReportedTwice() {
        String json = """
                {"Results": [
                  {"Target": "a", "Vulnerabilities": [
                    {"VulnerabilityID": "CVE-2023-1", "PkgName": "p", "InstalledVersion": "1", "Severity": "HIGH"},
                    {"VulnerabilityID": "CVE-2023-1", "PkgName": "p", "InstalledVersion": "1", "Severity": "HIGH"}]},
                  {"Target": "b", "Vulnerabilities": null},
                  {"Target": "c", "Vulnerabilities": [
                    {"VulnerabilityID": "CVE-2023-2", "PkgName": "q", "InstalledVersion": "2", "Severity": "NEGLIGIBLE"}]}]}
                """;
        Scanned s = (Scanned) TrivyScanner.parse("x", json, 5);
        assertThat(s.total()).isEqualTo(2);
        assertThat(s.count("HIGH")).isEqualTo(1);
        assertThat(s.count("UNKNOWN")).isEqualTo(1);
    }

    @Test
    void auditReportsVulnerableImagesOnTheWorkloadsThatRunThem() {
        Deployment web = new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec()
                .addNewContainer().withName("nginx").withImage("nginx:1.21.0").endContainer()
                .addNewContainer().withName("app").withImage("registry.example.com/shop/app:1.4.2").endContainer()
                .endSpec().endTemplate().endSpec().build();
        Pod debug = new PodBuilder().withNewMetadata().withName("debug").withNamespace("shop").endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.21.0").endContainer().endSpec().build();
        ClusterSnapshot snapshot = ClusterSnapshot.builder("t", AuditFixtures.NOW).add(web).add(debug).build();
        AuditOptions opts = AuditOptions.defaults().withChecks(EnumSet.noneOf(Check.class)).withImageScan(options());

        AuditResult result = new AuditService().audit(snapshot, opts);

        assertThat(result.notes()).isEmpty();
        assertThat(result.images()).extracting(ImageScan::image)
                .containsExactly("nginx:1.21.0", "registry.example.com/shop/app:1.4.2");
        List<Finding> findings = result.report().findings();
        assertThat(findings).extracting(Finding::objectRef).containsExactly("Deployment/shop/web", "Pod/shop/debug");
        Finding f = findings.get(0);
        assertThat(f.reason()).isEqualTo("ImageVulnerabilities");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.message()).isEqualTo("image nginx:1.21.0 has 17 known vulnerabilities (6 CRITICAL, 5 HIGH, 3 MEDIUM, 3 LOW)");
        assertThat(f.evidence()).hasSize(5).first().isEqualTo("CVE-2024-24790 (CRITICAL) stdlib v1.19.4 → 1.21.11, 1.22.4");
    }

    @Test
    void auditWithoutTrivySaysSoAndStillAudits() {
        Pod p = new PodBuilder().withNewMetadata().withName("p").withNamespace("shop").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("nginx:1.21.0").endContainer().endSpec().build();
        AuditOptions opts = AuditOptions.defaults()
                .withImageScan(TrivyOptions.defaults().withSearchPath(bin.resolve("empty").toString()));
        AuditResult result = new AuditService().audit(ClusterSnapshot.builder("t", AuditFixtures.NOW).add(p).build(), opts);
        assertThat(result.notes()).containsExactly("trivy not found on PATH; image scan skipped");
        assertThat(result.images()).isEmpty();
        assertThat(result.report().findings()).isNotEmpty().noneMatch(f -> f.reason().equals("ImageVulnerabilities"));
    }

    @Test
    void severityFollowsTheWorstVulnerability() {
        assertThat(AuditService.severityOf(new Scanned("i", 1, java.util.Map.of("HIGH", 1), List.of()))).isEqualTo(Severity.WARNING);
        assertThat(AuditService.severityOf(new Scanned("i", 1, java.util.Map.of("LOW", 1), List.of()))).isEqualTo(Severity.INFO);
        assertThat(AuditService.severityOf(new Scanned("i", 1, java.util.Map.of("CRITICAL", 1), List.of()))).isEqualTo(Severity.CRITICAL);
    }

    /** A wrapper that points the double at the call log (the scanner does not pass its environment through). */
    private Path writeLoggingWrapper() throws IOException {
        Path wrapper = bin.resolve("trivy-logging");
        Files.writeString(wrapper, "#!/usr/bin/env bash\nTRIVY_REPLAY_LOG='" + log + "' exec '" + bin.resolve("trivy") + "' \"$@\"\n");
        assertThat(wrapper.toFile().setExecutable(true)).isTrue();
        return wrapper;
    }
}
