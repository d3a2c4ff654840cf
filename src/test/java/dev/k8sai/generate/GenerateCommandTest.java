package dev.k8sai.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.ExitCodes;
import dev.k8sai.cli.GenerateCommand;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generate command without a cluster: prompt input, --dry-run, -o yaml, --save, failures. */
class GenerateCommandTest {

    private static final GenerateCommand.ClusterFactory NO_CLUSTER = (g, err) -> Optional.empty();
    private static final Confirmer NEVER_ASK = q -> {
        throw new AssertionError("must not ask: " + q);
    };

    private static GenerateCommand command(ScriptedLlm llm) {
        return new GenerateCommand(g -> llm, NO_CLUSTER, NEVER_ASK, ManifestReviewer.NONE);
    }

    @Test
    void dryRunPrintsThePromptAndAnEstimateAndSendsNothing() {
        GenerateCommand cmd = new GenerateCommand(GenerateCommand.NO_LLM, NO_CLUSTER, NEVER_ASK, ManifestReviewer.NONE);
        var run = GenerateCli.run(cmd, "generate", "--dry-run", "-n", "shop", "a", "redis", "deployment");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("--- system ---", "namespace \"shop\"", "--- user ---\na redis deployment",
                "estimated input tokens: ~", "nothing was sent");
    }

    @Test
    void validReplyIsPrintedWithOutputYamlAndNotApplied() {
        ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.fenced(ManifestValidatorTest.GOOD));
        var run = GenerateCli.run(command(llm), "generate", "-o", "yaml", "a redis deployment with 3 replicas and a service");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("apiVersion: apps/v1").contains("kind: Service").doesNotContain("Here are");
        assertThat(llm.requests.getFirst().messages().getLast().text()).isEqualTo("a redis deployment with 3 replicas and a service");
    }

    @Test
    void promptFromFileAndSaveToFile(@TempDir Path dir) throws Exception {
        Path prompt = dir.resolve("prompt.txt");
        Files.writeString(prompt, "a redis deployment\nwith a service\n");
        Path saved = dir.resolve("out.yaml");
        ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.fenced(ManifestValidatorTest.GOOD));
        var run = GenerateCli.run(command(llm), "generate", "-f", prompt.toString(), "--save", saved.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(llm.requests.getFirst().messages().getLast().text()).isEqualTo("a redis deployment\nwith a service");
        assertThat(Files.readString(saved)).isEqualTo(run.out()).contains("kind: Deployment");
        assertThat(run.err()).contains("saved 2 object(s)", "not applied (no cluster reachable)");
    }

    @Test
    void promptFromStdin() {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream("redis from stdin".getBytes(StandardCharsets.UTF_8)));
        try {
            ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.fenced(ManifestValidatorTest.GOOD));
            var run = GenerateCli.run(command(llm), "generate", "-f", "-", "-o", "yaml");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(llm.requests.getFirst().messages().getLast().text()).isEqualTo("redis from stdin");
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void invalidAfterRepairsFailsWithTheProblems() {
        String typo = ScriptedLlm.fenced(ManifestValidatorTest.GOOD.replace("replicas: 3", "replicas: three"));
        ScriptedLlm llm = new ScriptedLlm(typo, typo);
        var run = GenerateCli.run(command(llm), "generate", "--max-repairs", "1", "redis");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.LLM);
        assertThat(llm.requests).hasSize(2);
        assertThat(run.err()).contains("Deployment/redis: spec.replicas: expected integer, got \"three\"",
                "did not produce valid manifests in 2 round(s)");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void usageErrors() {
        ScriptedLlm llm = new ScriptedLlm();
        assertThat(GenerateCli.run(command(llm), "generate").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(GenerateCli.run(command(llm), "generate", "--max-repairs", "-1", "x").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(GenerateCli.run(command(llm), "generate", "-f", "/nonexistent/prompt.txt").err())
                .contains("cannot read prompt file /nonexistent/prompt.txt");
        var noLlm = GenerateCli.run(new GenerateCommand(GenerateCommand.NO_LLM, NO_CLUSTER, NEVER_ASK, ManifestReviewer.NONE),
                "generate", "redis");
        assertThat(noLlm.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noLlm.err()).contains("no LLM configured");
        assertThat(llm.requests).isEmpty();
    }

    @Test
    void reviewerWarningsArePrinted() {
        ScriptedLlm llm = new ScriptedLlm(ScriptedLlm.fenced(ManifestValidatorTest.GOOD));
        GenerateCommand cmd = new GenerateCommand(g -> llm, NO_CLUSTER, NEVER_ASK,
                objects -> java.util.List.of(objects.size() + " objects reviewed"));
        var run = GenerateCli.run(cmd, "generate", "redis");
        assertThat(run.err()).contains("warning: 2 objects reviewed");
    }

    @Test
    void mainRunsGenerateWithTheDefaultWiring() {
        java.io.PrintStream oldOut = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(dev.k8sai.cli.Main.run("generate", "--dry-run", "a", "redis")).isZero();
            assertThat(dev.k8sai.cli.Main.run("generate", "redis")).isEqualTo(ExitCodes.USAGE); // no LLM configured yet
        } finally {
            System.setOut(oldOut);
        }
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("--- user ---\na redis");
    }
}
