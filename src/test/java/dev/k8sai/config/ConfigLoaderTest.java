package dev.k8sai.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path f = dir.resolve("config.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void pathPrecedence() {
        assertThat(ConfigLoader.configPath(Path.of("/x.yaml"), Map.of(ConfigLoader.CONFIG_ENV, "/y.yaml"))).isEqualTo(Path.of("/x.yaml"));
        assertThat(ConfigLoader.configPath(null, Map.of(ConfigLoader.CONFIG_ENV, "/y.yaml"))).isEqualTo(Path.of("/y.yaml"));
        assertThat(ConfigLoader.configPath(null, Map.of("XDG_CONFIG_HOME", "/xdg", "HOME", "/h")))
                .isEqualTo(Path.of("/xdg/k8s-ai-agent/config.yaml"));
        assertThat(ConfigLoader.configPath(null, Map.of("HOME", "/h"))).isEqualTo(Path.of("/h/.config/k8s-ai-agent/config.yaml"));
    }

    @Test
    void fullFileWithProfilesAndDefaults() throws Exception {
        Path f = write("""
                defaultProfile: qwen
                profiles:
                  qwen:
                    type: openai-compatible
                    baseUrl: https://dashscope.aliyuncs.com/compatible-mode/v1
                    model: qwen-plus
                    apiKeyEnv: DASHSCOPE_API_KEY
                    timeoutSeconds: 30
                    maxRetries: 0
                    toolCalling: react
                    headers: {X-Trace: "1"}
                  local:
                    type: ollama
                defaults:
                  language: zh
                  maxTokens: 4000
                  readOnly: true
                tools:
                  python: true
                """);
        AgentConfig c = ConfigLoader.load(f, Map.of("DASHSCOPE_API_KEY", "sk-dash-0123456789"));
        assertThat(c.fileExists()).isTrue();
        assertThat(c.defaults().language()).isEqualTo("zh");
        assertThat(c.defaults().maxTokens()).isEqualTo(4000);
        assertThat(c.defaults().readOnly()).isTrue();
        assertThat(c.tools().pythonEnabled()).isTrue();
        ProviderProfile p = c.resolveProfile(null, null);
        assertThat(p.name()).isEqualTo("qwen");
        assertThat(p.type()).isEqualTo(ProviderType.OPENAI_COMPATIBLE);
        assertThat(p.apiKey()).isEqualTo("sk-dash-0123456789");
        assertThat(p.model()).isEqualTo("qwen-plus");
        assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.maxRetries()).isZero();
        assertThat(p.toolCalling()).isEqualTo(ToolCallingMode.REACT);
        assertThat(p.headers()).containsEntry("X-Trace", "1");
        assertThat(p.toString()).doesNotContain("sk-dash");

        assertThat(c.resolveProfile(null, "qwen-max").model()).isEqualTo("qwen-max");
        ProviderProfile local = c.resolveProfile("local", null);
        assertThat(local.baseUrl()).isEqualTo("http://localhost:11434");
        assertThat(local.model()).isEqualTo(AgentConfig.DEFAULT_OLLAMA_MODEL);
        assertThat(c.resolveProfile("ollama", "qwen2.5:7b").name()).isEqualTo("local"); // by type
    }

    @Test
    void environmentAloneGivesImplicitProfiles() {
        Map<String, String> env = Map.of(
                "OPENAI_API_KEY", "sk-test-abcdefghijklmnop1234",
                "OPENAI_API_BASE", "https://proxy.example/v1",
                "AZURE_OPENAI_API_KEY", "az-key-0123456789",
                "AZURE_OPENAI_ENDPOINT", "https://my.openai.azure.com",
                "AZURE_OPENAI_DEPLOYMENT", "gpt4o-prod",
                "OLLAMA_HOST", "0.0.0.0",
                "HOME", "/nonexistent-home");
        AgentConfig c = ConfigLoader.load(dir.resolve("missing.yaml"), env);
        assertThat(c.fileExists()).isFalse();
        assertThat(c.profileNames()).containsExactly("openai", "azure", "ollama");
        assertThat(c.implicitProfiles()).containsExactlyInAnyOrder("openai", "azure", "ollama");

        ProviderProfile openai = c.resolveProfile(null, null);
        assertThat(openai.name()).isEqualTo("openai");
        assertThat(openai.baseUrl()).isEqualTo("https://proxy.example/v1");
        assertThat(openai.model()).isEqualTo(AgentConfig.DEFAULT_OPENAI_MODEL);

        ProviderProfile azure = c.resolveProfile("azure-openai", null);
        assertThat(azure.azureDeployment()).isEqualTo("gpt4o-prod");
        assertThat(azure.model()).isEqualTo("gpt4o-prod");
        assertThat(azure.azureApiVersion()).isEqualTo(AgentConfig.DEFAULT_AZURE_API_VERSION);
        assertThat(azure.apiKey()).isEqualTo("az-key-0123456789");

        assertThat(c.resolveProfile("ollama", null).baseUrl()).isEqualTo("http://127.0.0.1:11434");
    }

    @Test
    void ollamaHostForms() {
        assertThat(ConfigLoader.ollamaUrl("myhost")).isEqualTo("http://myhost:11434");
        assertThat(ConfigLoader.ollamaUrl("myhost:9999")).isEqualTo("http://myhost:9999");
        assertThat(ConfigLoader.ollamaUrl("https://ollama.example.com/")).isEqualTo("https://ollama.example.com:11434");
        assertThat(ConfigLoader.ollamaUrl("0.0.0.0:11434")).isEqualTo("http://127.0.0.1:11434");
    }

    @Test
    void fileProfilesComeBeforeEnvironmentAndKeepTheirName() throws Exception {
        Path f = write("""
                profiles:
                  openai:
                    model: gpt-4.1
                  deepseek:
                    baseUrl: https://api.deepseek.com
                    model: deepseek-chat
                """);
        AgentConfig c = ConfigLoader.load(f, Map.of("OPENAI_API_KEY", "sk-abc"));
        assertThat(c.profileNames()).containsExactly("openai", "deepseek");
        assertThat(c.implicitProfiles()).isEmpty();
        ProviderProfile p = c.resolveProfile(null, null);
        assertThat(p.model()).isEqualTo("gpt-4.1");
        assertThat(p.apiKey()).isEqualTo("sk-abc"); // type openai reads OPENAI_API_KEY by default
        assertThat(c.resolveProfile("deepseek", null).type()).isEqualTo(ProviderType.OPENAI_COMPATIBLE);
    }

    @Test
    void noProfileAtAllSaysHowToConfigure() {
        AgentConfig c = ConfigLoader.load(dir.resolve("none.yaml"), Map.of());
        assertThatThrownBy(() -> c.resolveProfile(null, null))
                .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
                .hasMessageContaining("OPENAI_API_KEY").hasMessageContaining("config set");
    }

    @Test
    void resolutionErrorsAreOneLineUsageErrors() throws Exception {
        Path f = write("""
                defaultProfile: nope
                profiles:
                  vllm: {type: openai-compatible, baseUrl: "http://gpu:8000/v1"}
                  gpt: {type: openai, apiKeyEnv: MY_KEY}
                """);
        AgentConfig c = ConfigLoader.load(f, Map.of());
        assertThatThrownBy(() -> c.resolveProfile(null, null)).hasMessageContaining("defaultProfile 'nope'")
                .hasMessageContaining("vllm, gpt");
        assertThatThrownBy(() -> c.resolveProfile("vllm", null)).hasMessageContaining("has no model");
        assertThat(c.resolveProfile("vllm", "Qwen2.5-72B").model()).isEqualTo("Qwen2.5-72B");
        assertThatThrownBy(() -> c.resolveProfile("gpt", null)).hasMessageContaining("$MY_KEY is not set");
        assertThatThrownBy(() -> c.resolveProfile("bogus", null)).hasMessageContaining("unknown provider 'bogus'");
        assertThatThrownBy(() -> c.resolveProfile("azure", null)).hasMessageContaining("no azure-openai profile");
    }

    @Test
    void compatibleProfileWithUnsetKeyVariableIsAUsageError() throws Exception {
        Path f = write("""
                profiles:
                  dash: {type: openai-compatible, baseUrl: "http://gpu:8000/v1", model: qwen, apiKeyEnv: DASHSCOPE_API_KEY}
                  local: {type: ollama, baseUrl: "http://ollama.example.com:11434", apiKeyEnv: OLLAMA_KEY}
                """);
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("DASHSCOPE_API_KEY", "", "OLLAMA_KEY", " "))) {
            AgentConfig c = ConfigLoader.load(f, env);
            assertThatThrownBy(() -> c.resolveProfile("dash", null)).isInstanceOfSatisfying(AgentException.class,
                    e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
                    .hasMessageStartingWith("profile 'dash' has no API key: $DASHSCOPE_API_KEY is not set");
            assertThatThrownBy(() -> c.resolveProfile("local", null)).hasMessageContaining("$OLLAMA_KEY is not set");
        }
        assertThat(ConfigLoader.load(f, Map.of("DASHSCOPE_API_KEY", "sk-1")).resolveProfile("dash", null).apiKey())
                .isEqualTo("sk-1");
    }

    @Test
    void invalidYamlNamesFileAndLine() throws Exception {
        Path f = write("profiles:\n  a:\n    type: openai\n   model: [oops\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
                .hasMessageStartingWith("invalid config file " + f)
                .hasMessageContaining("line ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void unknownKeyIsReportedWithItsPathAndLine() throws Exception {
        Path f = write("profiles:\n  a:\n    type: openai\n    modle: gpt-4o\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .hasMessage("invalid config file " + f + ", line 4: unknown key 'profiles.a.modle'");
    }

    @Test
    void badValuesAreReported() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(write("profiles:\n  a:\n    type: gemini\n"), Map.of()))
                .hasMessageContaining("profiles.a.type: 'gemini' is not one of");
        assertThatThrownBy(() -> ConfigLoader.load(write("profiles:\n  a:\n    timeoutSeconds: soon\n"), Map.of()))
                .hasMessageContaining("line 3").hasMessageContaining("profiles.a.timeoutSeconds");
    }

    @Test
    void serverLimitsAreReadValidatedAndKeptThroughResolution() throws Exception {
        Path f = write("""
                profiles:
                  llama: {type: openai-compatible, baseUrl: "http://127.0.0.1:8000/v1", model: qwen, contextWindow: 4096,
                          maxOutputTokens: 512, parallelRequests: false}
                """);
        ServerLimits limits = ConfigLoader.load(f, Map.of()).resolveProfile("llama", null).limits();
        assertThat(limits).isEqualTo(new ServerLimits(4096, 512, false));
        assertThatThrownBy(() -> ConfigLoader.load(write("profiles:\n  a:\n    contextWindow: 100\n"), Map.of()))
                .hasMessageContaining("profiles.a.contextWindow: must be at least 256");
        assertThatThrownBy(() -> ConfigLoader.load(write("profiles:\n  a:\n    contextWindow: 1000\n    maxOutputTokens: 1000\n"),
                Map.of())).hasMessageContaining("profiles.a.maxOutputTokens: must be smaller than contextWindow");
    }

    /** Issue 11 point 10: a local OPENAI_BASE_URL needs no OPENAI_API_KEY; a remote one says a local server would not. */
    @Test
    void aLocalOrPrivateOpenAiBaseUrlNeedsNoKey() {
        for (String local : List.of("http://127.0.0.1:8000/v1", "http://localhost:8000/v1", "http://192.168.1.20:8000/v1",
                "http://10.0.0.5/v1", "http://[::1]:8000/v1")) {
            ProviderProfile p = ConfigLoader.load(null, Map.of("OPENAI_BASE_URL", local, "HOME", "/nonexistent-home")).resolveProfile(null, "qwen");
            assertThat(p.baseUrl()).isEqualTo(local);
            assertThat(p.apiKey()).isNull();
        }
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("OPENAI_BASE_URL", "https://llm.example.com/v1", "HOME", "/nonexistent-home"))
                .resolveProfile(null, "qwen"))
                .hasMessageContaining("$OPENAI_API_KEY is not set")
                .hasMessageContaining("a server on this machine or a private network needs none");
    }

    @Test
    void emptyFileIsFine() throws Exception {
        AgentConfig c = ConfigLoader.load(write(""), Map.of("OLLAMA_HOST", "localhost:11434"));
        assertThat(c.fileExists()).isTrue();
        assertThat(c.resolveProfile(null, null).type()).isEqualTo(ProviderType.OLLAMA);
    }

    @Test
    void unreadableFileIsAUsageError() throws Exception {
        Path d = Files.createDirectory(dir.resolve("adir"));
        assertThatThrownBy(() -> ConfigLoader.load(d, Map.of()))
                .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
                .hasMessageStartingWith("cannot read config file " + d);
    }

    @Test
    void maskKeepsOnlyTheLastFourOfLongKeys() {
        assertThat(AgentConfig.mask("sk-proj-abcdefgh1234abcd")).isEqualTo("****abcd");
        assertThat(AgentConfig.mask("short")).isEqualTo("****");
        assertThat(AgentConfig.mask(null)).isNull();
    }
}
