package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.ExitCodes;
import dev.k8sai.Mappers;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue 18 points 5 and 6: -o means the same everywhere, each help lists what its command uses, short usage errors. */
class CommandOptionsCliTest {

    private static AnalyzeCommandTest.Run run(String... args) {
        return AnalyzeCommandTest.capture(Main.configure(CommandTree.forArgs(CommandLine.defaultFactory(), args)), args);
    }

    private static String globalPart(String help) {
        int start = help.indexOf("\nGlobal options");
        return start < 0 ? "" : help.substring(start, help.indexOf("\nExamples:") > start ? help.indexOf("\nExamples:") : help.length());
    }

    @Test
    void versionAsJsonAndYaml() throws Exception {
        AnalyzeCommandTest.Run json = run("version", "-o", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode doc = Mappers.JSON.readTree(json.out());
        assertThat(doc.path("version").asText()).isNotBlank().isNotEqualTo("unknown");
        assertThat(doc.path("java").path("version").asText()).startsWith("25");
        AnalyzeCommandTest.Run yaml = run("-o", "yaml", "version");
        assertThat(Mappers.YAML.readTree(yaml.out()).path("version").asText()).isEqualTo(doc.path("version").asText());
    }

    @Test
    void configViewAsJsonAndYamlWithKeysMasked(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                defaultProfile: q
                profiles:
                  q: {type: openai-compatible, baseUrl: "http://127.0.0.1:1/v1", model: qwen-plus, apiKey: sk-abcdefghijklmnop123456}
                """);
        AnalyzeCommandTest.Run json = run("--config", config.toString(), "config", "view", "-o", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode doc = Mappers.JSON.readTree(json.out());
        assertThat(doc.path("configFile").asText()).isEqualTo(config.toString());
        assertThat(doc.path("profiles").path("q").path("model").asText()).isEqualTo("qwen-plus");
        assertThat(json.out()).doesNotContain("sk-abcdefghijklmnop123456");
        AnalyzeCommandTest.Run yaml = run("--config", config.toString(), "config", "view", "-o", "yaml");
        assertThat(Mappers.YAML.readTree(yaml.out()).path("profiles").path("q").path("model").asText()).isEqualTo("qwen-plus");
    }

    @Test
    void modelsHelpShowsNoAgentOrClusterOptions() {
        String help = run("models", "--help").out();
        assertThat(globalPart(help)).contains("--provider", "--model", "--config", "--output=FORMAT", "Output format: text or json.")
                .doesNotContain("--read-only", "--yes", "--max-iterations", "--show-thinking", "--namespace", "--kubeconfig",
                        "--as-group", "sarif");
    }

    @Test
    void sarifIsOfferedOnlyWhereItExists() {
        assertThat(globalPart(run("audit", "--help").out())).contains("Output format: text, json, yaml or sarif.");
        assertThat(globalPart(run("analyze", "--help").out())).contains("Output format: text, json or yaml.").doesNotContain("sarif");
        assertThat(globalPart(run("execute", "--help").out())).contains("--read-only", "--yes", "--show-thinking").doesNotContain("sarif");
        for (String[] args : new String[][] {{"analyze"}, {"diagnose", "pod/x"}, {"execute", "x"}, {"generate", "x"}, {"models"}, {"version"}}) {
            String command = args[0];
            String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("-o", "sarif"), java.util.Arrays.stream(args))
                    .toArray(String[]::new);
            AnalyzeCommandTest.Run r = run(all);
            assertThat(r.exit()).as(command).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).as(command).startsWith("k8s-ai-agent: " + command + " writes -o ").contains("not -o sarif")
                    .endsWith("(sarif is for audit)\n").hasLineCount(1);
        }
    }

    /** A word that is no format at all is told with the command's own formats, wherever -o stands. */
    @Test
    void aBadOutputValueListsExactlyTheCommandsFormats() {
        String[][] cases = {
            {"analyze", "text, json or yaml", "analyze", "-o", "xml"},
            {"analyze", "text, json or yaml", "-o", "xml", "analyze"},
            {"generate", "text or yaml", "generate", "x", "--output=xml"},
            {"models", "text or json", "models", "-oxml"},
            {"audit", "text, json, yaml or sarif", "audit", "-o", "xml"},
        };
        for (String[] c : cases) {
            AnalyzeCommandTest.Run r = run(java.util.Arrays.copyOfRange(c, 2, c.length));
            assertThat(r.exit()).as(String.join(" ", c)).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).as(String.join(" ", c)).isEqualTo("k8s-ai-agent: " + c[0] + " writes -o " + c[1] + ", not -o xml\n");
        }
        AnalyzeCommandTest.Run serve = run("serve", "-o", "xml");
        assertThat(serve.err()).isEqualTo("k8s-ai-agent: serve has no -o option\n");
        AnalyzeCommandTest.Run upper = run("version", "-o", "JSON");
        assertThat(upper.exit()).as(upper.err()).isZero();
        assertThat(upper.out()).startsWith("{");
        assertThat(run("completion", "fish").out()).as("-o is read as text; completion still offers the formats")
                .contains("-l output -r -a 'text json yaml sarif'");
    }

    @Test
    void aConfigDefaultOutputACommandCannotWriteIsIgnored(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "defaults: {output: sarif}\n");
        AnalyzeCommandTest.Run r = run("--config", config.toString(), "analyze", "-f", "examples/broken-shop.yaml", "--no-exit-code", "--no-color");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("CrashLoopBackOff").doesNotContain("\"$schema\"");
    }

    @Test
    void configWithoutASubcommandIsItsShortUsage() {
        AnalyzeCommandTest.Run r = run("config");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("k8s-ai-agent: config needs a subcommand: ").contains("view", "set", "use-profile", "path")
                .contains("Try 'k8s-ai-agent config --help' for usage.").hasLineCount(3);
    }

    @Test
    void anUnknownCommandIsNamedAsOne() {
        AnalyzeCommandTest.Run r = run("analze");
        assertThat(r.err()).startsWith("k8s-ai-agent: unknown command 'analze'\n").contains("Did you mean: k8s-ai-agent analyze?")
                .contains("Try 'k8s-ai-agent --help' for usage.");
    }

    @Test
    void stdinOnATerminalSaysItIsWaiting() {
        CommandLine cl = Main.newCommandLine();
        AnalyzeCommand analyze = (AnalyzeCommand) cl.getSubcommands().get("analyze").getCommand();
        analyze.stdin = new ByteArrayInputStream("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\n".getBytes());
        analyze.env = Map.of();
        analyze.stdinTerminal = true;
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("analyze", "-f", "-")).isZero();
        assertThat(err.toString()).startsWith("k8s-ai-agent: reading a snapshot (kubectl get … -o yaml|json) from stdin; paste it and end with Ctrl-D\n");

        analyze.stdinTerminal = false;
        analyze.stdin = new ByteArrayInputStream("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\n".getBytes());
        StringWriter quiet = new StringWriter();
        cl.setErr(new PrintWriter(quiet));
        assertThat(cl.execute("analyze", "-f", "-")).isZero();
        assertThat(quiet.toString()).doesNotContain("reading a snapshot");
    }
}
