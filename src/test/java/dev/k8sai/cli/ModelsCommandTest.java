package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.ExitCodes;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ModelsCommandTest {

    private record Run(int exit, String out, String err) { }

    private static Run run(Map<String, String> env, String... args) {
        CommandLine cl = Main.newCommandLine();
        ModelsCommand models = (ModelsCommand) cl.getSubcommands().get("models").getCommand();
        models.env = env;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void listsTheScriptedServersModels() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start().models("qwen-plus", "deepseek-chat")) {
            Run r = run(Map.of("OPENAI_BASE_URL", server.baseUrl() + "/", "OPENAI_API_KEY", "sk-x"), "models");

            assertThat(r.exit()).isEqualTo(ExitCodes.OK);
            assertThat(r.out()).isEqualTo("qwen-plus" + System.lineSeparator() + "deepseek-chat" + System.lineSeparator());
            assertThat(server.lastRequest().path()).isEqualTo("/v1/models");
            assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer sk-x");
        }
    }

    @Test
    void jsonOutputIsAnArray() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start().models("a", "b")) {
            Run r = run(Map.of("OPENAI_API_BASE", server.baseUrl(), "OPENAI_API_KEY", "sk-x"), "models", "-o", "json");

            assertThat(r.exit()).isEqualTo(ExitCodes.OK);
            assertThat(r.out().replaceAll("\\s", "")).isEqualTo("[\"a\",\"b\"]");
        }
    }

    @Test
    void dryRunPrintsTheUrlAndSendsNothing() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start().models("a", "b")) {
            Run r = run(Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-x"), "models", "--dry-run");

            assertThat(r.exit()).isEqualTo(ExitCodes.OK);
            assertThat(r.out().strip()).isEqualTo("GET " + server.baseUrl() + "/models");
            assertThat(server.requestCount()).isZero();
        }
        try (ScriptedLlmServer server = ScriptedLlmServer.ollama().models("llama3.2:latest")) {
            Run r = run(Map.of("OLLAMA_HOST", "127.0.0.1:" + server.port()), "models", "--provider", "ollama", "--dry-run");

            assertThat(r.out()).contains("/api/tags");
            assertThat(server.requestCount()).isZero();
        }
    }

    @Test
    void unsupportedOutputIsRejectedBeforeAnyRequest() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start().models("a")) {
            Run r = run(Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-x"), "models", "-o", "yaml");

            assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).isEqualTo("k8s-ai-agent: models writes -o text or json, not -o yaml\n");
            assertThat(server.requestCount()).isZero();
        }
    }

    @Test
    void ollamaTagsAreListed() {
        try (ScriptedLlmServer server = ScriptedLlmServer.ollama().models("llama3.2:latest", "qwen2.5:7b")) {
            Run r = run(Map.of("OLLAMA_HOST", "127.0.0.1:" + server.port()), "models", "--provider", "ollama");

            assertThat(r.exit()).isEqualTo(ExitCodes.OK);
            assertThat(r.out()).contains("llama3.2:latest").contains("qwen2.5:7b");
            assertThat(server.lastRequest().path()).isEqualTo("/api/tags");
        }
    }

    @Test
    void wrongBaseUrlIsOneLineNamingTheUrl() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            Run r = run(Map.of("OPENAI_BASE_URL", server.rootUrl(), "OPENAI_API_KEY", "sk-x"), "models");

            assertThat(r.exit()).isEqualTo(ExitCodes.LLM);
            assertThat(r.err().strip()).doesNotContain("\n").contains(server.rootUrl() + "/models").contains("add /v1");
        }
    }

    @Test
    void unauthorizedIsOneLineNamingTheEnvVar() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start().modelsError(401, "Incorrect API key provided")) {
            Run r = run(Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-bad"), "models");

            assertThat(r.exit()).isEqualTo(ExitCodes.LLM);
            assertThat(r.err().strip()).isEqualTo("k8s-ai-agent: authentication failed for openai at "
                    + server.baseUrl() + "/models: check OPENAI_API_KEY");
        }
    }

    @Test
    void missingKeyIsOneLine() {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            Run r = run(Map.of("OPENAI_API_KEY", ""), "models");
            assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err().strip()).startsWith("k8s-ai-agent: ").contains("OPENAI_API_KEY").doesNotContain("\n");
            assertThat(server.requestCount()).isZero();
        }
    }
}
