package dev.k8sai.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport;
import dev.k8sai.report.Severity;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Validates the SARIF output against a SARIF 2.1.0 JSON schema (src/test/resources/audit/sarif-schema-2.1.0.json,
 * written from the OASIS specification; see the file's description).
 */
class SarifRendererTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Schema schema;
    private static AuditResult result;

    @BeforeAll
    static void setUp() throws Exception {
        try (InputStream in = SarifRendererTest.class.getResourceAsStream("/audit/sarif-schema-2.1.0.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
        AuditResult audit = new AuditService().audit(
                AuditFixtures.snapshot("pss.yaml", "rbac.yaml"), AuditOptions.defaults());
        // a finding with parent, evidence and explanation, and a note, exercise every optional field
        Finding extra = Finding.of("security", "Deployment", "shop", "web", Severity.CRITICAL, "ImageVulnerabilities",
                        "image nginx:1.21.0 has 1 known vulnerabilities (1 CRITICAL)")
                .withParent("Deployment/shop/web").withEvidence(List.of("CVE-2024-24790 (CRITICAL) stdlib v1.19.4 → 1.21.11"))
                .withExplanation("Upgrade the base image.");
        List<Finding> all = new java.util.ArrayList<>(audit.report().findings());
        all.add(extra);
        result = new AuditResult(FindingsReport.of("fixtures", all), audit.workloads(), List.of(),
                List.of("trivy not found on PATH; image scan skipped"));
    }

    private static JsonNode render() throws Exception {
        return JSON.readTree(SarifRenderer.render(result, "0.1.0-test"));
    }

    @Test
    void outputIsValidSarif() throws Exception {
        List<Error> errors = schema.validate(render());
        assertThat(errors).extracting(Error::getMessage).isEmpty();
    }

    @Test
    void theSchemaRejectsBrokenDocuments() throws Exception {
        ObjectNode broken = (ObjectNode) render();
        ((ObjectNode) broken.path("runs").get(0).path("results").get(0)).put("level", "critical");
        assertThat(schema.validate(broken)).isNotEmpty();
        ObjectNode noMessage = (ObjectNode) render();
        ((ObjectNode) noMessage.path("runs").get(0).path("results").get(0)).remove("message");
        assertThat(schema.validate(noMessage)).isNotEmpty();
        ObjectNode noDriverName = (ObjectNode) render();
        ((ObjectNode) noDriverName.path("runs").get(0).path("tool").path("driver")).remove("name");
        assertThat(schema.validate(noDriverName)).isNotEmpty();
    }

    @Test
    void oneRulePerReasonCodeAndResultsPointAtThem() throws Exception {
        JsonNode run = render().path("runs").get(0);
        JsonNode driver = run.path("tool").path("driver");
        assertThat(driver.path("name").asText()).isEqualTo("k8s-ai-agent");
        assertThat(driver.path("version").asText()).isEqualTo("0.1.0-test");
        Set<String> reasons = new HashSet<>();
        result.report().findings().forEach(f -> reasons.add(f.reason()));
        JsonNode rules = driver.path("rules");
        assertThat(rules.size()).isEqualTo(reasons.size());
        Set<String> ruleIds = new HashSet<>();
        rules.forEach(r -> {
            ruleIds.add(r.path("id").asText());
            assertThat(r.path("shortDescription").path("text").asText()).isNotBlank();
            assertThat(r.path("help").path("text").asText()).isNotBlank();
        });
        assertThat(ruleIds).isEqualTo(reasons);

        JsonNode results = run.path("results");
        assertThat(results.size()).isEqualTo(result.report().findings().size());
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            Finding f = result.report().findings().get(i);
            assertThat(r.path("ruleId").asText()).isEqualTo(f.reason());
            assertThat(rules.get(r.path("ruleIndex").asInt()).path("id").asText()).isEqualTo(f.reason());
            assertThat(r.path("level").asText()).isEqualTo(SarifRenderer.level(f.severity()));
            assertThat(r.path("locations").get(0).path("logicalLocations").get(0).path("fullyQualifiedName").asText())
                    .isEqualTo(f.objectRef());
        }
    }

    @Test
    void mapsSeveritiesAndRendersSpecificFields() throws Exception {
        assertThat(SarifRenderer.level(Severity.CRITICAL)).isEqualTo("error");
        assertThat(SarifRenderer.level(Severity.WARNING)).isEqualTo("warning");
        assertThat(SarifRenderer.level(Severity.INFO)).isEqualTo("note");
        JsonNode run = render().path("runs").get(0);
        JsonNode privileged = find(run, "Pod/audit/privileged", "PssPrivileged");
        assertThat(privileged.path("level").asText()).isEqualTo("error");
        assertThat(privileged.path("message").path("text").asText())
                .isEqualTo("Pod/audit/privileged: securityContext.privileged is true for container app");
        JsonNode clusterScoped = find(run, "ClusterRoleBinding/alice-admin", "ClusterAdminBinding");
        assertThat(clusterScoped.path("properties").has("namespace")).isFalse();
        JsonNode image = find(run, "Deployment/shop/web", "ImageVulnerabilities");
        assertThat(image.path("properties").path("evidence").get(0).asText()).startsWith("CVE-2024-24790");
        assertThat(image.path("properties").path("explanation").asText()).isEqualTo("Upgrade the base image.");
        assertThat(run.path("invocations").get(0).path("toolExecutionNotifications").get(0).path("message").path("text").asText())
                .isEqualTo("trivy not found on PATH; image scan skipped");
    }

    @Test
    void findingsFromOtherAnalyzersGetAGenericRule() throws Exception {
        FindingsReport report = FindingsReport.of("ctx", List.of(Finding.of("pod", "Pod", "shop", "p", Severity.CRITICAL,
                "CrashLoopBackOff", "container app restarted 12 times")));
        JsonNode doc = JSON.readTree(SarifRenderer.render(report, "1", List.of()));
        assertThat(schema.validate(doc)).isEmpty();
        JsonNode rule = doc.path("runs").get(0).path("tool").path("driver").path("rules").get(0);
        assertThat(rule.path("id").asText()).isEqualTo("CrashLoopBackOff");
        assertThat(rule.path("shortDescription").path("text").asText()).isEqualTo("pod check CrashLoopBackOff");
    }

    private static JsonNode find(JsonNode run, String ref, String rule) {
        for (JsonNode r : run.path("results")) {
            if (r.path("ruleId").asText().equals(rule)
                    && r.path("locations").get(0).path("logicalLocations").get(0).path("fullyQualifiedName").asText().equals(ref)) {
                return r;
            }
        }
        throw new AssertionError("no result " + rule + " on " + ref);
    }
}
