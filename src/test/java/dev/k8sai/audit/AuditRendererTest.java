package dev.k8sai.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.audit.AuditResult.WorkloadLevel;
import dev.k8sai.report.FindingsReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditRendererTest {

    private static final AuditResult RESULT;

    static {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("CRITICAL", 0);
        counts.put("HIGH", 1);
        counts.put("MEDIUM", 0);
        counts.put("LOW", 2);
        counts.put("UNKNOWN", 0);
        RESULT = new AuditResult(FindingsReport.of("fixtures", List.of()),
                List.of(new WorkloadLevel("Deployment", "shop", "web", PssLevel.RESTRICTED, List.of()),
                        new WorkloadLevel("CronJob", "batch-jobs", "nightly-report", PssLevel.BASELINE,
                                List.of("PssRunAsNonRoot", "PssSeccompMissing"))),
                List.of(new ImageScan.Scanned("a:1", 3, counts,
                                List.of(new ImageScan.Vulnerability("CVE-2024-1", "HIGH", "zlib", "1.2", "1.3"))),
                        new ImageScan.Failed("b:2", "trivy timed out after 300s")),
                List.of("a note"));
    }

    @Test
    void textAlignsTheLevelTableAndSummarisesImages() {
        StringWriter out = new StringWriter();
        AuditRenderer.text(RESULT, false, new PrintWriter(out));
        assertThat(out.toString()).isEqualTo("""
                No problems found

                Pod Security levels
                  NAMESPACE   WORKLOAD                LEVEL       VIOLATIONS
                  shop        Deployment/web          restricted  -
                  batch-jobs  CronJob/nightly-report  baseline    PssRunAsNonRoot,PssSeccompMissing

                Images
                  a:1: 3 vulnerabilities (0 CRITICAL, 1 HIGH, 0 MEDIUM, 2 LOW, 0 UNKNOWN)
                      CVE-2024-1 (HIGH) zlib 1.2 → 1.3
                  b:2: not scanned: trivy timed out after 300s
                """);
    }

    @Test
    void jsonAddsWorkloadsAndImagesWithStatusButNoNotes() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(AuditRenderer.json(RESULT));
        assertThat(doc.fieldNames()).toIterable().containsExactly("source", "findings", "summary", "workloads", "images");
        assertThat(doc.path("workloads").get(1).toString()).isEqualTo(
                "{\"kind\":\"CronJob\",\"namespace\":\"batch-jobs\",\"name\":\"nightly-report\",\"level\":\"baseline\","
                        + "\"violations\":[\"PssRunAsNonRoot\",\"PssSeccompMissing\"]}");
        assertThat(doc.path("images").get(0).path("status").asText()).isEqualTo("scanned");
        assertThat(doc.path("images").get(0).path("top").get(0).path("fixedVersion").asText()).isEqualTo("1.3");
        assertThat(doc.path("images").get(1).toString())
                .isEqualTo("{\"image\":\"b:2\",\"reason\":\"trivy timed out after 300s\",\"status\":\"failed\"}");
    }
}
