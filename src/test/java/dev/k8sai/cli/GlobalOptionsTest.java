package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GlobalOptionsTest {

    @Test
    void globalOptionsAreAcceptedAfterTheSubcommandAndBindToTheRoot() {
        CommandLine cl = Main.newCommandLine();
        cl.parseArgs("analyze", "-n", "shop", "--model", "qwen-plus", "--dry-run", "-o", "json");
        GlobalOptions g = ((RootCommand) cl.getCommand()).global();
        assertThat(g.namespace()).isEqualTo("shop");
        assertThat(g.model()).isEqualTo("qwen-plus");
        assertThat(g.dryRun()).isTrue();
        assertThat(g.output()).isEqualTo(GlobalOptions.OutputFormat.json);
    }

    @Test
    void globalOptionsBeforeTheSubcommandWorkToo() {
        CommandLine cl = Main.newCommandLine();
        cl.parseArgs("--context", "prod", "-A", "audit");
        GlobalOptions g = ((RootCommand) cl.getCommand()).global();
        assertThat(g.context()).isEqualTo("prod");
        assertThat(g.allNamespaces()).isTrue();
    }
}
