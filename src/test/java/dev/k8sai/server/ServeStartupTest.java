package dev.k8sai.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** serve refuses to start without authentication, and --insecure-no-auth off loopback, with one line and exit 2. */
class ServeStartupTest {

    private static String[] run(String... args) {
        CommandLine cl = Main.newCommandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int exit = cl.execute(args);
        return new String[] {Integer.toString(exit), err.toString()};
    }

    @Test
    void noAuthenticationIsRefused() {
        String[] r = run("serve", "--listen", "127.0.0.1:0");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).startsWith("k8s-ai-agent: serve needs authentication").doesNotContain("Exception");
        assertThat(r[1].lines()).hasSize(1);
    }

    @Test
    void insecureNoAuthOnlyOnLoopback() {
        String[] r = run("serve", "--insecure-no-auth", "--listen", "0.0.0.0:0");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("only allowed on a loopback address");
    }

    @Test
    void badListenAddressAndHalfTlsAreUsageErrors() {
        assertThat(run("serve", "--insecure-no-auth", "--listen", "127.0.0.1:http")[1]).contains("expected HOST:PORT");
        String[] tls = run("serve", "--insecure-no-auth", "--listen", "127.0.0.1:0", "--tls-cert", "x.pem");
        assertThat(tls[0]).isEqualTo("2");
        assertThat(tls[1]).contains("--tls-cert and --tls-key go together");
    }
}
