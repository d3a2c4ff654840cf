package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AuditCommandTest {

    record Run(int exit, String out, String err) { }

    static String fixture() {
        try {
            return Path.of(AuditCommandTest.class.getResource("/audit/cli-shop.yaml").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Run run(Map<String, String> env, String... args) {
        CommandLine cl = Main.newCommandLine();
        AuditCommand audit = (AuditCommand) cl.getSubcommands().get("audit").getCommand();
        audit.env = env;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void dump() {
        Run r = run(Map.of(), "audit", "-f", fixture(), "--no-color");
        System.out.println("EXIT " + r.exit() + "\n" + r.out() + "\nERR\n" + r.err());
        r = run(Map.of(), "audit", "-f", fixture(), "-o", "json");
        System.out.println(r.out());
    }
}
