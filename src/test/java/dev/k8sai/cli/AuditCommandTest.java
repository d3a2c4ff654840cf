package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.k8sai.ExitCodes;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import dev.k8sai.testing.llm.ScriptedLlmServer.RecordedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * audit end to end through {@link Main#newCommandLine()}, on src/test/resources/audit/cli-shop.yaml:
 * a privileged pod, a Deployment with a literal credential in env (a planted value) and image
 * nginx:1.21.0, a Deployment violating restricted-only controls, and a wildcard Role.
 */
class AuditCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLANTED_SECRET = "planted-Zx9qK2vT7mW4";
    /** Restricted-only codes the fixture triggers; --level baseline must hide them. */
    private static final List<String> RESTRICTED_ONLY = List.of("PssPrivilegeEscalation", "PssSeccompMissing",
            "PssCapabilitiesDropAll", "PssRunAsNonRoot");

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) { }

    static String fixture() {
        try {
            return Path.of(AuditCommandTest.class.getResource("/audit/cli-shop.yaml").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An environment with no config, cache or trivy of the developer's machine. */
    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("K8S_AI_AGENT_CACHE", dir.resolve("cache").toString());
        env.put("PATH", dir.resolve("no-trivy-here").toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    static Run run(Map<String, String> env, InputStream stdin, String... args) {
        CommandLine cl = Main.newCommandLine();
        AuditCommand audit = (AuditCommand) cl.getSubcommands().get("audit").getCommand();
        audit.env = env;
        audit.stdin = stdin;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Run run(String... args) {
        return run(env(), InputStream.nullInputStream(), args);
    }

    private static List<String> reasons(JsonNode doc) {
        return StreamSupport.stream(doc.path("findings").spliterator(), false)
                .map(f -> f.path("kind").asText() + "/" + f.path("name").asText() + " " + f.path("reason").asText())
                .toList();
    }

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

    // ---- --explain ----

    /**
     * A fenced JSON array, as chat models usually answer. (A bare multi-item array is currently read
     * as prose by FindingExplainer.parse — reported to the explain owner.)
     */
    private static String explanations(int n) {
        StringBuilder json = new StringBuilder("```json\n[");
        for (int i = 1; i <= n; i++) {
            json.append(i > 1 ? "," : "").append("{\"id\": ").append(i)
                    .append(", \"cause\": \"cause ").append(i).append("\", \"fix\": \"fix ").append(i).append("\"}");
        }
        return json.append("]\n```").toString();
    }

    private Map<String, String> llmEnv(ScriptedLlmServer server) {
        return env("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test");
    }

    @Test
    void explainFillsTopFindingsAndTheSecondRunIsACacheHit() throws IOException {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.reply(explanations(7));
            Run first = run(llmEnv(server), InputStream.nullInputStream(), "audit", "-f", fixture(), "--explain", "-o", "json");

            assertThat(first.exit()).isEqualTo(ExitCodes.FINDINGS);
            assertThat(server.chatRequests()).hasSize(1);
            JsonNode doc = JSON.readTree(first.out());
            List<String> explained = new ArrayList<>();
            for (JsonNode f : doc.path("findings")) {
                boolean top = !f.path("severity").asText().equals("info");
                assertThat(f.path("explanation").isNull()).as(f.toString()).isEqualTo(!top);
                if (top) {
                    explained.add(f.path("explanation").asText());
                }
            }
            assertThat(explained).hasSize(7).contains("Cause: cause 1\nFix: fix 1", "Cause: cause 7\nFix: fix 7");
            assertThat(first.err()).isEqualTo("k8s-ai-agent: note: explained 7 finding(s): 0 from cache, 1 request(s)\n");
            for (RecordedRequest request : server.requests()) {
                assertThat(request.body()).doesNotContain(PLANTED_SECRET);
            }
            assertThat(String.join("\n", ScriptedLlmServer.messageContents(server.chatRequests().getFirst())))
                    .contains("SecretInEnv").contains("PssPrivileged").doesNotContain("PssSeccompMissing");

            Run second = run(llmEnv(server), InputStream.nullInputStream(), "audit", "-f", fixture(), "--explain", "-o", "json");
            assertThat(server.requestCount()).isEqualTo(1);
            assertThat(second.err()).isEqualTo("k8s-ai-agent: note: explained 7 finding(s): 7 from cache, 0 request(s)\n");
            assertThat(JSON.readTree(second.out())).isEqualTo(doc);
        }
    }

    @Test
    void explainedTextIsIndentedUnderItsFinding() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.reply(explanations(7));
            Run r = run(llmEnv(server), InputStream.nullInputStream(), "audit", "-f", fixture(), "--explain", "--no-color");
            assertThat(r.out()).containsPattern("CRITICAL \\w+: .*\n        \\| Cause: cause 1\n        \\| Fix: fix 1\n");
        }
    }

    @Test
    void noCacheAsksAgainAndAnonymizeMasksNames() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.reply(explanations(7)).reply(explanations(7));
            run(llmEnv(server), InputStream.nullInputStream(), "audit", "-f", fixture(), "--explain", "-o", "json");
            Run r = run(llmEnv(server), InputStream.nullInputStream(), "audit", "-f", fixture(), "--explain",
                    "--no-cache", "--anonymize", "-o", "json");
            assertThat(r.exit()).isEqualTo(ExitCodes.FINDINGS);
            assertThat(server.chatRequests()).hasSize(2);
            String user = ScriptedLlmServer.messageContents(server.chatRequests().get(1)).getLast();
            assertThat(user).doesNotContain("debug-shell").doesNotContain("everything").doesNotContain("shop");
        }
    }

    @Test
    void dryRunExplainPreviewsAndSendsNothing() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            Run r = run(llmEnv(server), InputStream.nullInputStream(), "audit", "-f", fixture(), "--explain", "--dry-run");

            assertThat(r.exit()).isEqualTo(ExitCodes.OK);
            assertThat(server.requestCount()).isZero();
            assertThat(r.out()).contains("SecretInEnv").contains("PssPrivileged")
                    .contains("dry run: 1 request(s)").contains("nothing was sent.")
                    .doesNotContain(PLANTED_SECRET);
        }
    }

    @Test
    void dryRunWorksWithoutAnyLlmConfiguration() {
        Run r = run(env("OPENAI_API_KEY", ""), InputStream.nullInputStream(), "audit", "-f", fixture(), "--explain", "--dry-run");
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("dry run: 1 request(s) to (none configured)");
    }

    @Test
    void explainWithoutAKeyFailsBeforeAuditing() {
        Run r = run(env("OPENAI_API_KEY", ""), InputStream.nullInputStream(), "audit", "-f", fixture(), "--explain");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip()).startsWith("k8s-ai-agent: ").contains("OPENAI_API_KEY").doesNotContain("\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aFailingProviderKeepsTheFindings() throws IOException {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.error(400, "context length exceeded");
            Run r = run(llmEnv(server), InputStream.nullInputStream(), "audit", "-f", fixture(), "--explain", "-o", "json");
            assertThat(r.exit()).isEqualTo(ExitCodes.LLM); // findings printed, provider failure is exit 3
            assertThat(r.err()).startsWith("k8s-ai-agent: note: explanations unavailable: ");
            assertThat(JSON.readTree(r.out()).path("findings")).hasSize(13);
        }
    }

    @Test
    void explainSendsAtMostTwentyFindings() {
        assertThat(dev.k8sai.app.ExplainFindings.MAX_EXPLAINED).isEqualTo(20);
        // 25 pods, each privileged: 25 critical findings, only 20 are asked about (3 batches of 8, 8, 4).
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            yaml.append("""
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: p%02d, namespace: shop}
                    spec:
                      containers:
                      - name: c
                        image: busybox:1.36
                        securityContext: {privileged: true}
                    """.formatted(i));
        }
        Run r = run(env("OPENAI_API_KEY", ""), new ByteArrayInputStream(yaml.toString().getBytes(StandardCharsets.UTF_8)),
                "audit", "-f", "-", "--explain", "--dry-run", "--level", "baseline");
        assertThat(r.out()).contains("##### request 3 of 3").contains("dry run: 3 request(s)")
                .contains("p19").doesNotContain("p20");
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
