package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Issue 2: the frame every command plugs into — help, version, usage errors — with the real error handling. */
class CliBasicsTest {

    record Run(int exit, String out, String err) { }

    private static Run run(String... args) {
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommandAndTheGlobalOptions() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("analyze", "audit", "diagnose", "generate", "execute", "chat", "models", "config", "version")
                .contains("--kubeconfig", "--context", "--namespace", "--all-namespaces", "--output", "--model", "--provider",
                        "--verbose", "--max-tokens", "--max-iterations", "--dry-run", "--read-only", "--yes", "--language",
                        "--no-color", "--show-thinking");
    }

    @Test
    void versionNamesTheProjectVersionAndTheJvm() {
        Run r = run("version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("k8s-ai-agent ").doesNotContain("${project.version}").contains("Java 25");
    }

    @Test
    void noCommandIsImplementedAsAPlaceholderAnyMore() {
        for (String command : new String[] {"analyze", "audit", "diagnose", "generate", "execute", "models", "config"}) {
            Run r = run(command, "--help");
            assertThat(r.exit()).as(command).isZero();
            assertThat(r.out() + r.err()).as(command).doesNotContain("not implemented");
        }
    }

    @Test
    void usageErrorsAreOneLineWithExitTwo() {
        Run unknown = run("frobnicate");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("Try 'k8s-ai-agent --help'").doesNotContain("Exception");

        Run badOutput = run("-o", "xml", "analyze", "-f", "examples/broken-shop.yaml");
        assertThat(badOutput.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(badOutput.err()).contains("xml").doesNotContain("\tat ");
    }
}
