package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.ExitCodes;
import dev.k8sai.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigCommandTest {

    @TempDir
    Path dir;

    final Map<String, String> env = new HashMap<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = Main.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        ((ConfigCommand) cl.getSubcommands().get("config").getCommand()).env = env;
        return cl.execute(args);
    }

    @Test
    void setWritesAPrivateFileAndViewMasksKeys() throws Exception {
        Path file = dir.resolve("sub/dir/config.yaml");
        env.put("DASHSCOPE_API_KEY", "sk-dashscope-secret-9876");
        env.put("OPENAI_API_KEY", "sk-openai-secret-abcd");

        assertThat(run("config", "set", "profiles.qwen.type", "openai-compatible", "--config", file.toString())).isZero();
        assertThat(run("--config", file.toString(), "config", "set", "profiles.qwen.baseUrl", "https://dashscope.example/v1")).isZero();
        assertThat(run("--config", file.toString(), "config", "set", "profiles.qwen.apiKeyEnv", "DASHSCOPE_API_KEY")).isZero();
        assertThat(run("--config", file.toString(), "config", "set", "profiles.qwen.model", "qwen-plus")).isZero();
        assertThat(run("--config", file.toString(), "config", "set", "profiles.qwen.timeoutSeconds", "45")).isZero();
        assertThat(run("--config", file.toString(), "config", "set", "defaults.language", "zh")).isZero();
        assertThat(run("--config", file.toString(), "config", "set", "tools.python", "true")).isZero();
        assertThat(out.toString()).contains("set tools.python in " + file);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String yaml = Files.readString(file);
        assertThat(yaml).contains("type: openai-compatible", "timeoutSeconds: 45", "language: zh", "python: true");

        assertThat(run("--config", file.toString(), "config", "view")).isZero();
        String view = out.toString();
        assertThat(view).contains("# config file: " + file, "defaultProfile: qwen", "qwen:", "source: file",
                "apiKey: '****9876'", "openai:", "source: environment", "apiKey: '****abcd'", "language: zh", "python: true");
        assertThat(view).doesNotContain("secret");

        assertThat(run("--config", file.toString(), "config", "use-profile", "openai")).isZero();
        assertThat(ConfigLoader.load(file, env).resolveProfile(null, null).name()).isEqualTo("openai");
    }

    @Test
    void useProfileFailsClearlyForUnknownNames() {
        Path file = dir.resolve("c.yaml");
        int code = run("config", "use-profile", "nope", "--config", file.toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown profile 'nope'").doesNotContain("Exception");
        assertThat(file).doesNotExist();
    }

    @Test
    void setRejectsUnknownKeysAndBadValuesWithoutWriting() throws Exception {
        Path file = dir.resolve("c.yaml");
        assertThat(run("config", "set", "profiles.x.modle", "a", "--config", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown config key 'profiles.x.modle'");
        assertThat(run("config", "set", "profiles.x.type", "gemini", "--config", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(run("config", "set", "profiles.x.maxRetries", "many", "--config", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("must be a whole number");
        assertThat(file).doesNotExist();
    }

    @Test
    void setEmptyValueRemovesTheKeyAndApiKeyWarns() throws Exception {
        Path file = dir.resolve("c.yaml");
        run("config", "set", "profiles.x.apiKey", "sk-inline-000000001111", "--config", file.toString());
        assertThat(err.toString()).contains("discouraged");
        run("config", "set", "profiles.x.model", "m", "--config", file.toString());
        run("config", "set", "profiles.x.apiKey", "", "--config", file.toString());
        assertThat(Files.readString(file)).doesNotContain("apiKey").contains("model: m");
    }

    @Test
    void pathUsesEnvironmentWhenNoFlag() {
        env.put("XDG_CONFIG_HOME", dir.toString());
        assertThat(run("config", "path")).isZero();
        assertThat(out.toString().trim()).isEqualTo(dir.resolve("k8s-ai-agent/config.yaml").toString());
    }

    @Test
    void viewReportsBrokenFilesAsOneLine() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "profiles: [\n");
        assertThat(run("config", "view", "--config", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().trim()).startsWith("k8s-ai-agent: invalid config file " + file).doesNotContain("\n");
    }
}
