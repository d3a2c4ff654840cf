package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.ExitCodes;
import dev.k8sai.cli.AnalyzeCommandTest.Run;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** audit --scan-images with the trivy replay double (src/test/resources/trivy) on PATH. */
class AuditImageScanTest extends AuditCliTestBase {

    // ---- --scan-images with the trivy replay double ----

    private Path installTrivyDouble() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String file : List.of("trivy", "nginx-1.21.0.json", "app-1.4.2.json")) {
            try (InputStream in = getClass().getResourceAsStream("/trivy/" + file)) {
                Files.copy(in, bin.resolve(file));
            }
        }
        assertThat(bin.resolve("trivy").toFile().setExecutable(true)).isTrue();
        return bin;
    }

    @Test
    void scanImagesUsesTrivyFromPathAndReportsVulnerableWorkloads() throws IOException {
        Path bin = installTrivyDouble();
        Map<String, String> env = env("PATH", dir.resolve("empty") + java.io.File.pathSeparator + bin);

        Run text = run(env, InputStream.nullInputStream(), "audit", "-f", fixture(), "--scan-images", "--no-color");
        assertThat(text.err()).isEmpty();
        assertThat(text.out())
                .contains("  Deployment/web\n")
                .contains("CRITICAL ImageVulnerabilities: image nginx:1.21.0 has 17 known vulnerabilities (6 CRITICAL, 5 HIGH, 3 MEDIUM, 3 LOW)")
                .contains("        CVE-2024-24790 (CRITICAL) stdlib v1.19.4 → 1.21.11, 1.22.4")
                .contains("Images\n  nginx:1.21.0: 17 vulnerabilities (6 CRITICAL, 5 HIGH, 3 MEDIUM, 3 LOW, 0 UNKNOWN)\n")
                .contains("  registry.example.com/shop/app:1.4.2: no known vulnerabilities\n");

        JsonNode doc = JSON.readTree(run(env, InputStream.nullInputStream(),
                "audit", "-f", fixture(), "--scan-images", "-o", "json").out());
        assertThat(reasons(doc)).contains("Deployment/web ImageVulnerabilities")
                .doesNotContain("Deployment/api ImageVulnerabilities", "Pod/debug-shell ImageVulnerabilities");
        assertThat(doc.path("images")).hasSize(2);
        assertThat(doc.path("images").get(0).path("status").asText()).isEqualTo("scanned");
        assertThat(doc.path("images").get(0).path("counts").path("CRITICAL").asInt()).isEqualTo(6);
    }

    @Test
    void scanImagesWithoutTrivyIsAUsageErrorOfOneLine() {
        // Issue 18 point 4: the user asked for the scan, so it cannot silently not happen.
        Run r = run("audit", "-f", fixture(), "--scan-images");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("k8s-ai-agent: --scan-images needs trivy on PATH (https://trivy.dev); it was not found\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void offlineAndExtraArgsReachTrivyBeforeTheImage() throws IOException {
        Path bin = installTrivyDouble();
        // A wrapper named trivy, first on PATH, records its arguments and hands over to the double.
        Path spy = Files.createDirectories(dir.resolve("spy"));
        Path log = spy.resolve("calls.log");
        Files.writeString(spy.resolve("trivy"), "#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" >> '" + log
                + "'\nexec '" + bin.resolve("trivy") + "' \"$@\"\n");
        assertThat(spy.resolve("trivy").toFile().setExecutable(true)).isTrue();
        Map<String, String> env = env("PATH", spy + java.io.File.pathSeparator + bin);

        Run r = run(env, InputStream.nullInputStream(), "audit", "-f", fixture(), "--scan-images", "--trivy-offline",
                "--trivy-arg=--severity", "--trivy-arg=HIGH,CRITICAL", "-o", "json");

        assertThat(r.err()).isEmpty();
        assertThat(Files.readAllLines(log)).containsExactlyInAnyOrder(
                "image --format json --quiet --skip-db-update --offline-scan --severity HIGH,CRITICAL registry.example.com/shop/app:1.4.2",
                "image --format json --quiet --skip-db-update --offline-scan --severity HIGH,CRITICAL nginx:1.21.0");
    }

    @Test
    void aFailedImageScanIsANoteAndTheAuditGoesOn() throws IOException {
        Path bin = installTrivyDouble();
        Map<String, String> env = env("PATH", bin.toString());
        // The double refuses any format but json: a later --format wins in the real CLI and in the double.
        Run r = run(env, InputStream.nullInputStream(), "audit", "-f", fixture(), "--scan-images",
                "--trivy-arg=--format", "--trivy-arg=table", "-o", "json");
        assertThat(r.exit()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(r.err()).contains("k8s-ai-agent: note: image scan failed for nginx:1.21.0: trivy exited with 1: "
                + "FATAL the replay double only records --format json\n");
        JsonNode images = JSON.readTree(r.out()).path("images");
        assertThat(images).hasSize(2);
        assertThat(images.get(0).path("status").asText()).isEqualTo("failed");
        assertThat(images.get(0).path("reason").asText()).startsWith("trivy exited with 1");
    }
}
