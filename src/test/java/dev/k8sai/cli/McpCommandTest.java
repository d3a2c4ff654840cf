package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `mcp` before it serves: a cluster it cannot use is one line on stderr and exit 2, nothing on stdout. */
class McpCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingKubeconfigIsOneLineAndExitTwo() {
        CommandLine cl = Main.newCommandLine();
        McpCommand mcp = (McpCommand) cl.getSubcommands().get("mcp").getCommand();
        mcp.env = Map.of("XDG_CONFIG_HOME", tmp.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int exit = cl.execute("--kubeconfig", tmp.resolve("missing-kubeconfig").toString(), "mcp");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("k8s-ai-agent: ").contains("missing-kubeconfig");
    }
}
