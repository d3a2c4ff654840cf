package dev.k8sai.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.cli.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    /** A real serve process: its stderr up to the start line holds no Helidon logging noise. */
    @Test
    void startsWithoutHelidonLoggingNoise(@TempDir Path dir) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process serve = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--kubeconfig", kubeconfig.toString(), "serve", "--insecure-no-auth", "--listen", "127.0.0.1:0",
                "--audit-log", dir.resolve("audit.jsonl").toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(serve.getErrorStream(), StandardCharsets.UTF_8))) {
            StringBuilder before = new StringBuilder();
            String line;
            while ((line = err.readLine()) != null && !line.contains("serving on")) {
                before.append(line).append('\n');
            }
            assertThat(line).as("started; stderr before: " + before).contains("k8s-ai-agent: serving on http://127.0.0.1:");
            assertThat(before.toString()).doesNotContain("Helidon").doesNotContain("logging");
        } finally {
            serve.destroy();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
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
