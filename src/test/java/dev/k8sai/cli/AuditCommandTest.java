package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.k8sai.ExitCodes;
import dev.k8sai.cli.AnalyzeCommandTest.Run;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** audit's output formats, exit codes, options and snapshot sources, from the file and from the real test API server. */
class AuditCommandTest extends AuditCliTestBase {

    /** Restricted-only codes the fixture triggers; --level baseline must hide them. */
    private static final List<String> RESTRICTED_ONLY = List.of("PssPrivilegeEscalation", "PssSeccompMissing",
            "PssCapabilitiesDropAll", "PssRunAsNonRoot");

    // ---- output formats and exit codes ----

    @Test
    void textShowsFindingsLevelTableAndExitsOneOnCritical() {
        Run r = run("audit", "-f", fixture(), "--no-color");

        assertThat(r.exit()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("Namespace shop\n")
                .contains("  Pod/debug-shell\n    CRITICAL PssPrivileged: securityContext.privileged is true for container shell")
                .contains("CRITICAL SecretInEnv: literal value for credential-like container nginx env DB_PASSWORD")
                .contains("WARNING  RbacWildcard: wildcard in rule 1")
                .contains("2 critical, 5 warning, 6 info\n")
                .contains("Pod Security levels\n  NAMESPACE  WORKLOAD         LEVEL       VIOLATIONS\n")
                .contains("  shop       Pod/debug-shell  privileged  PssPrivileged,")
                .contains("  shop       Deployment/api   baseline    PssPrivilegeEscalation,PssSeccompMissing,PssCapabilitiesDropAll\n")
                .contains("  shop       Deployment/web   restricted  -\n")
                .doesNotContain("Images")
                .doesNotContain(PLANTED_SECRET);
    }

    @Test
    void jsonIsTheFindingsDocumentPlusWorkloadsAndImages() throws IOException {
        Run r = run("audit", "-f", fixture(), "-o", "json");

        assertThat(r.exit()).isEqualTo(ExitCodes.FINDINGS);
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.fieldNames()).toIterable().containsExactly("source", "findings", "summary", "workloads", "images");
        assertThat(doc.path("source").asText()).isEqualTo(fixture());
        assertThat(doc.path("summary").toString()).isEqualTo("{\"critical\":2,\"warning\":5,\"info\":6}");
        JsonNode first = doc.path("findings").get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly("analyzer", "kind", "namespace", "name", "severity",
                "reason", "message", "parent", "evidence", "explanation");
        assertThat(first.path("analyzer").asText()).isEqualTo("security");
        assertThat(first.path("severity").asText()).isEqualTo("critical");
        assertThat(first.path("explanation").isNull()).isTrue();
        assertThat(reasons(doc)).contains("Pod/debug-shell PssPrivileged", "Deployment/web SecretInEnv",
                "Role/everything RbacWildcard", "Deployment/api PssPrivilegeEscalation");
        assertThat(doc.path("workloads")).hasSize(3);
        JsonNode pod = StreamSupport.stream(doc.path("workloads").spliterator(), false)
                .filter(w -> w.path("name").asText().equals("debug-shell")).findFirst().orElseThrow();
        assertThat(pod.path("level").asText()).isEqualTo("privileged");
        assertThat(doc.path("images")).isEmpty();
        assertThat(r.out()).doesNotContain(PLANTED_SECRET);
    }

    @Test
    void yamlCarriesTheSameDocument() throws IOException {
        Run r = run("audit", "-f", fixture(), "-o", "yaml");
        JsonNode yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(r.out());
        JsonNode json = JSON.readTree(run("audit", "-f", fixture(), "-o", "json").out());
        assertThat(yaml).isEqualTo(json);
        assertThat(r.out()).startsWith("source: ");
    }

    @Test
    void sarifOutputValidatesAgainstTheSchema() throws IOException {
        Run r = run("audit", "-f", fixture(), "-o", "sarif");

        assertThat(r.exit()).isEqualTo(ExitCodes.FINDINGS);
        Schema schema;
        try (InputStream in = getClass().getResourceAsStream("/audit/sarif-schema-2.1.0.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
        JsonNode sarif = JSON.readTree(r.out());
        assertThat(schema.validate(sarif)).extracting(Error::getMessage).isEmpty();
        JsonNode run = sarif.path("runs").get(0);
        assertThat(run.path("tool").path("driver").path("name").asText()).isEqualTo("k8s-ai-agent");
        assertThat(run.path("results")).hasSize(13);
        assertThat(run.path("results").get(0).path("level").asText()).isEqualTo("error");
        assertThat(r.out()).contains("Pod/shop/debug-shell");
    }

    @Test
    void noExitCodeExitsZeroDespiteCriticalFindings() {
        assertThat(run("audit", "-f", fixture(), "--no-exit-code").exit()).isEqualTo(ExitCodes.OK);
        assertThat(run("audit", "-f", fixture(), "--exit-code=false").exit()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void noCriticalFindingExitsZero() throws IOException {
        Run r = run("audit", "-f", fixture(), "-l", "app=api", "-o", "json");
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(reasons(JSON.readTree(r.out()))).isNotEmpty().allMatch(s -> s.startsWith("Deployment/api "));
    }

    @Test
    void readsTheSnapshotFromStdin() throws IOException {
        byte[] yaml = Files.readAllBytes(Path.of(fixture()));
        Run r = run(env(), new ByteArrayInputStream(yaml), "audit", "-f", "-", "-o", "json");
        assertThat(r.exit()).isEqualTo(ExitCodes.FINDINGS);
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.path("source").asText()).isEqualTo("stdin");
        assertThat(doc.path("findings")).hasSize(13);
    }

    @Test
    void labelSelectorKeepsMatchingObjectsOnly() throws IOException {
        Run r = run("audit", "-f", fixture(), "-l", "app=web", "-o", "json");
        JsonNode doc = JSON.readTree(r.out());
        assertThat(reasons(doc)).containsExactly("Deployment/web SecretInEnv");
        assertThat(doc.path("workloads")).hasSize(1);
    }

    // ---- --level ----

    @Test
    void baselineLevelHidesRestrictedOnlyControls() throws IOException {
        JsonNode restricted = JSON.readTree(run("audit", "-f", fixture(), "-o", "json").out());
        JsonNode baseline = JSON.readTree(run("audit", "-f", fixture(), "-o", "json", "--level", "baseline").out());

        assertThat(reasons(restricted)).anyMatch(s -> RESTRICTED_ONLY.stream().anyMatch(s::endsWith));
        assertThat(reasons(baseline)).noneMatch(s -> RESTRICTED_ONLY.stream().anyMatch(s::endsWith))
                .contains("Pod/debug-shell PssPrivileged", "Deployment/web SecretInEnv", "Role/everything RbacWildcard");
        // workload levels are always computed over every control
        assertThat(baseline.path("workloads")).isEqualTo(restricted.path("workloads"));
    }

    @Test
    void unknownLevelIsAOneLineUsageError() {
        Run r = run("audit", "-f", fixture(), "--level", "strict");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("k8s-ai-agent: unknown Pod Security level 'strict' (expected baseline or restricted)\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void trivyOptionsWithoutScanImagesAreAUsageError() {
        Run r = run("audit", "-f", fixture(), "--trivy-offline");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("k8s-ai-agent: --trivy-offline and --trivy-arg need --scan-images\n");
    }

    @Test
    void missingFileIsAUsageError() {
        Run r = run("audit", "-f", dir.resolve("nope.yaml").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("k8s-ai-agent: cannot read ").endsWith(": no such file\n");
    }

    @Test
    void unreachableClusterIsExitTwo() throws IOException {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "https://127.0.0.1:1"}
                contexts:
                - name: c
                  context: {cluster: c, user: u, namespace: shop}
                current-context: c
                users:
                - name: u
                  user: {token: t}
                """);
        Run r = run("audit", "--kubeconfig", kubeconfig.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip()).startsWith("k8s-ai-agent: ").doesNotContain("\n").doesNotContain("Exception");
    }

    /**
     * Against the real test API server: the fixture applied into a fresh namespace is read through
     * KubeClients + LiveSnapshotSource and yields the findings the file gives.
     */
    @Nested
    @RealCluster
    class Live {

        private List<String> sortedReasons(String json) throws IOException {
            return reasons(JSON.readTree(json)).stream().sorted().toList();
        }

        @Test
        void liveAuditFindsThePrivilegedPod(TestCluster cluster, TestNamespace ns) throws IOException {
            ns.applyResource("audit/cli-shop.yaml");
            String kubeconfig = cluster.kubeconfig().toString();

            Run text = run("audit", "-n", ns.name(), "--kubeconfig", kubeconfig, "--no-color");
            assertThat(text.exit()).isEqualTo(ExitCodes.FINDINGS);
            assertThat(text.err()).isEmpty();
            assertThat(text.out()).contains("Namespace " + ns.name() + "\n")
                    .contains("  Pod/debug-shell\n    CRITICAL PssPrivileged: securityContext.privileged is true for container shell")
                    .contains("Pod/debug-shell  privileged");

            Run json = run("audit", "-n", ns.name(), "--kubeconfig", kubeconfig, "-o", "json");
            Run file = run("audit", "-f", fixture(), "-o", "json");
            // ReplicaSets the controller manager created are reported on their Deployment, as in the file.
            assertThat(sortedReasons(json.out())).isEqualTo(sortedReasons(file.out()));
        }

        @Test
        void labelSelectorIsSentToTheServer(TestCluster cluster, TestNamespace ns) throws IOException {
            ns.applyResource("audit/cli-shop.yaml");
            Run r = run("audit", "-n", ns.name(), "--kubeconfig", cluster.kubeconfig().toString(),
                    "-l", "app=debug", "-o", "json");
            assertThat(reasons(JSON.readTree(r.out()))).isNotEmpty().allMatch(s -> s.startsWith("Pod/debug-shell "));
        }
    }
}
