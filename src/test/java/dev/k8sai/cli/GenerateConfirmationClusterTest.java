package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.ExitCodes;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.testing.llm.ScriptedLlmTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** generate asks before applying: the exact question, and only an explicit yes applies anything. */
@RealCluster
class GenerateConfirmationClusterTest extends ScriptedLlmTest {

    private static final String MANIFEST = """
            Here you go:
            ```yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: app-settings
            data:
              LOG_LEVEL: info
            ```
            """;

    private Path config;

    @BeforeEach
    void start() throws Exception {
        config = tmp.resolve("config.yaml");
        Files.writeString(config, """
                defaultProfile: s
                profiles:
                  s: {type: openai-compatible, baseUrl: "%s", model: m, apiKey: sk-test, maxRetries: 0}
                """.formatted(server.baseUrl()));
    }

    record Run(int exit, String out, String err, List<String> questions) { }

    private Run generate(TestCluster cluster, TestNamespace ns, String answer) {
        CommandLine cl = Main.newCommandLine();
        GenerateCommand generate = (GenerateCommand) cl.getSubcommands().get("generate").getCommand();
        List<String> questions = new ArrayList<>();
        generate.confirmer = q -> {
            questions.add(q);
            return answer.equals("y");
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute("--config", config.toString(), "--kubeconfig", cluster.kubeconfig().toString(),
                "-n", ns.name(), "generate", "a configmap with LOG_LEVEL=info");
        return new Run(exit, out.toString(), err.toString(), questions);
    }

    @Test
    void declinedMeansNothingIsApplied(TestCluster cluster, TestNamespace ns) {
        server.reply(MANIFEST);
        Run r = generate(cluster, ns, "n");

        assertThat(r.questions()).singleElement().asString().startsWith("Apply 1 object").contains("[y/N]");
        assertThat(r.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(cluster.client().configMaps().inNamespace(ns.name()).withName("app-settings").get()).isNull();
    }

    @Test
    void confirmedMeansApplied(TestCluster cluster, TestNamespace ns) {
        server.reply(MANIFEST);
        Run r = generate(cluster, ns, "y");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("new object: ConfigMap/" + ns.name() + "/app-settings");
        assertThat(cluster.client().configMaps().inNamespace(ns.name()).withName("app-settings").get().getData())
                .containsEntry("LOG_LEVEL", "info");
    }
}
