package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.ExitCodes;
import dev.k8sai.analyze.AnalyzeService;
import dev.k8sai.analyze.Analyzer;
import dev.k8sai.cluster.KubeconfigFiles;
import dev.k8sai.cluster.SampleAnalyzers;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * analyze end to end through the real command line. Runs through {@link Main#run} use the real
 * registry; runs that need findings inject {@link SampleAnalyzers} with a picocli factory, wired
 * with Main's own error handlers.
 */
class AnalyzeCommandTest {

    static final String EXAMPLE = Path.of(System.getProperty("k8sai.repoRoot", "."), "examples/broken-shop.yaml").toString();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run main(String... args) {
        CommandLine cl = Main.newCommandLine();
        return capture(cl, args);
    }

    static Run withAnalyzers(List<Analyzer> analyzers, InputStream stdin, String... args) {
        RootCommand[] rootHolder = new RootCommand[1];
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == AnalyzeCommand.class) {
                    return cls.cast(new AnalyzeCommand(() -> new AnalyzeService(analyzers, new dev.k8sai.cluster.SnapshotReader(java.util.Map.of(), stdin))));
                }
                K k = CommandLine.defaultFactory().create(cls);
                if (k instanceof RootCommand r) {
                    rootHolder[0] = r;
                }
                return k;
            }
        };
        CommandLine cl = CommandTree.full(factory);
        cl.setExecutionExceptionHandler((ex, c, p) -> Main.report(ex, c.getErr(), false));
        cl.setParameterExceptionHandler(Main.newCommandLine().getParameterExceptionHandler());
        return capture(cl, args);
    }

    static Run capture(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void criticalFindingsExitOne() {
        Run r = withAnalyzers(SampleAnalyzers.all(), InputStream.nullInputStream(), "analyze", "-f", EXAMPLE, "--no-color");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(r.out()).contains("Namespace shop")
                .contains("Pod/payments-7c9d5b8f6d-x2xq4  (Deployment/shop/payments)")
                .contains("CRITICAL CrashLoopBackOff: container app restarted 12 times")
                .contains("event BackOff x214: Back-off restarting failed container app")
                .contains("Service/checkout")
                .contains("MissingConfigMap: ConfigMap cart-config does not exist")
                .endsWith("3 critical, 0 warning, 0 info\n");
    }

    @Test
    void exitCodeFalseOrNoExitCodeAlwaysZero() {
        assertThat(withAnalyzers(SampleAnalyzers.all(), InputStream.nullInputStream(),
                "analyze", "-f", EXAMPLE, "--exit-code=false").exit()).isZero();
        assertThat(withAnalyzers(SampleAnalyzers.all(), InputStream.nullInputStream(),
                "analyze", "-f", EXAMPLE, "--no-exit-code").exit()).isZero();
        assertThat(withAnalyzers(SampleAnalyzers.all(), InputStream.nullInputStream(),
                "analyze", "-f", EXAMPLE, "--exit-code").exit()).isEqualTo(1);
    }

    @Test
    void filterSelectsAnalyzers() throws Exception {
        Run r = withAnalyzers(SampleAnalyzers.all(), InputStream.nullInputStream(),
                "analyze", "-f", EXAMPLE, "--filter", "service", "-o", "json");
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("source").asText()).isEqualTo(EXAMPLE);
        assertThat(doc.get("findings")).extracting(f -> f.get("reason").asText()).containsExactly("SelectorMatchesNoPods");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void unknownFilterIsUsageErrorListingValidNames() {
        Run r = withAnalyzers(SampleAnalyzers.all(), InputStream.nullInputStream(), "analyze", "-f", EXAMPLE, "--filter", "pod,bogus");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("k8s-ai-agent: unknown analyzer 'bogus' in --filter; valid: pod, service\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void labelSelectorKeepsMatchingObjectsOnly() {
        Run r = withAnalyzers(SampleAnalyzers.all(), InputStream.nullInputStream(),
                "analyze", "-f", EXAMPLE, "-l", "app in (payments, frontend)");
        assertThat(r.out()).contains("payments-7c9d5b8f6d-x2xq4").doesNotContain("checkout").doesNotContain("cart-");
    }

    @Test
    void stdinSnapshotWithYamlOutput() {
        byte[] yaml = """
                apiVersion: v1
                kind: Service
                metadata: {name: lonely, namespace: x}
                spec: {selector: {app: none}}
                """.getBytes(StandardCharsets.UTF_8);
        Run r = withAnalyzers(SampleAnalyzers.all(), new ByteArrayInputStream(yaml), "analyze", "-f", "-", "-o", "yaml");
        assertThat(r.out()).startsWith("source: stdin\n").contains("reason: SelectorMatchesNoPods").contains("namespace: x");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void realRegistryOnTheExampleRuns() {
        // Whatever the real analyzers find, the run succeeds and prints a summary line.
        Run r = main("analyze", "-f", EXAMPLE, "--no-color");
        assertThat(r.exit()).isIn(ExitCodes.OK, ExitCodes.FINDINGS);
        assertThat(r.out().strip().lines().reduce((a, b) -> b).orElse(""))
                .matches("No problems found|\\d+ critical, \\d+ warning, \\d+ info");
    }

    @Test
    void healthySnapshotExitsZero() throws Exception {
        Path f = dir.resolve("ok.yaml");
        Files.writeString(f, """
                apiVersion: v1
                kind: Pod
                metadata: {name: fine, namespace: x, labels: {app: a}}
                spec: {containers: [{name: c, image: i}]}
                status: {phase: Running}
                """);
        Run r = withAnalyzers(SampleAnalyzers.all(), InputStream.nullInputStream(), "analyze", "-f", f.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("No problems found\n");
    }

    @Test
    void verbosePrintsTimingsToStderr() {
        Run r = withAnalyzers(SampleAnalyzers.all(), InputStream.nullInputStream(), "analyze", "-f", EXAMPLE, "-v", "-o", "json");
        assertThat(r.err()).matches("(?s)k8s-ai-agent: read \\d+ ms, analyze \\d+ ms, 3 findings\n");
        assertThat(r.out()).startsWith("{");
    }

    @Test
    void missingFileIsUsageError() {
        Run r = main("analyze", "-f", dir.resolve("nope.yaml").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("k8s-ai-agent: cannot read " + dir.resolve("nope.yaml") + ": no such file\n");
    }

    @Test
    void sarifIsRefused() {
        Run r = main("analyze", "-f", EXAMPLE, "-o", "sarif");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("sarif is for audit");
    }

    @Test
    void unreachableClusterIsUsageError() throws Exception {
        Path kubeconfig = KubeconfigFiles.unreachable(dir);
        Run live = withAnalyzers(SampleAnalyzers.all(), InputStream.nullInputStream(), "analyze", "--kubeconfig", kubeconfig.toString());
        assertThat(live.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(live.err()).startsWith("k8s-ai-agent: cannot reach the Kubernetes API server at https://127.0.0.1:")
                .contains("connection refused");
        assertThat(live.err().lines().count()).isEqualTo(1);
    }

    @Test
    void unknownContextListsAvailable() throws Exception {
        Path kubeconfig = KubeconfigFiles.unreachable(dir);
        Run r = main("analyze", "--kubeconfig", kubeconfig.toString(), "--context", "prod");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("k8s-ai-agent: context 'prod' not found in " + kubeconfig + "; available: dev, staging\n");
    }
}
