package dev.k8sai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.cli.AnalyzeCommandTest.Run;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * audit end to end through {@link Main#newCommandLine()}, on src/test/resources/audit/cli-shop.yaml:
 * a privileged pod, a Deployment with a literal credential in env (a planted value) and image
 * nginx:1.21.0, a Deployment violating restricted-only controls, and a wildcard Role. The audit tests
 * share this: the fixture, an environment of their own under a scratch directory, and the run.
 */
abstract class AuditCliTestBase {

    static final ObjectMapper JSON = new ObjectMapper();
    /** A literal credential in the fixture's env: it must never reach the output or a model. */
    static final String PLANTED_SECRET = "planted-Zx9qK2vT7mW4";

    @TempDir
    Path dir;

    static String fixture() {
        try {
            return Path.of(AuditCliTestBase.class.getResource("/audit/cli-shop.yaml").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An environment with no config, cache or trivy of the developer's machine. */
    Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("K8S_AI_AGENT_CACHE", dir.resolve("cache").toString());
        env.put("PATH", dir.resolve("no-trivy-here").toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    static Run run(Map<String, String> env, InputStream stdin, String... args) {
        CommandLine cl = Main.newCommandLine();
        AuditCommand audit = (AuditCommand) cl.getSubcommands().get("audit").getCommand();
        audit.env = env;
        audit.stdin = stdin;
        return AnalyzeCommandTest.capture(cl, args);
    }

    Run run(String... args) {
        return run(env(), InputStream.nullInputStream(), args);
    }

    static List<String> reasons(JsonNode doc) {
        return StreamSupport.stream(doc.path("findings").spliterator(), false)
                .map(f -> f.path("kind").asText() + "/" + f.path("name").asText() + " " + f.path("reason").asText())
                .toList();
    }
}
