package dev.k8sai.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.k8sai.ExitCodes;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * generate through Main and the real HTTP client against a scripted OpenAI-compatible server, without a
 * cluster (a kubeconfig that does not exist): prompt input, --dry-run, -o yaml, --save, repair, failures.
 */
class GenerateCommandTest extends GenerateCliTest {


    /** generate with the scripted server's config and no cluster. */
    private GenerateCli.Run generate(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "generate";
        all[1] = "--config";
        all[2] = config();
        all[3] = "--kubeconfig";
        all[4] = dir.resolve("no-kubeconfig").toString();
        System.arraycopy(args, 0, all, 5, args.length);
        return GenerateCli.run(all);
    }

    private String userMessage(int request) {
        var messages = ScriptedLlmServer.messageContents(server.chatRequests().get(request));
        return messages.getLast();
    }

    @Test
    void dryRunPrintsTheExactRequestAndSendsNothing() {
        var run = generate("--dry-run", "-n", "shop", "--model", "any-model-name", "a", "redis", "deployment");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("You write Kubernetes manifests and nothing else.", "namespace \"shop\"",
                "a redis deployment", "dry run: 1 request(s)", "(model any-model-name)", "nothing was sent");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void dryRunWorksWithoutAnyConfiguration() {
        var run = GenerateCli.run("generate", "--config", dir.resolve("missing.yaml").toString(),
                "--kubeconfig", dir.resolve("no-kubeconfig").toString(), "--dry-run", "redis");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("redis", "estimated input tokens in total: ", "nothing was sent");
        assertThat(run.err()).isEmpty(); // no cluster probe either
    }

    @Test
    void languageAsksForCommentsInThatLanguage() {
        server.reply(GenerateCli.fenced(GOOD));
        var run = generate("--language", "German", "-o", "yaml", "redis");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(ScriptedLlmServer.messageContents(server.chatRequests().getFirst()).getFirst())
                .contains("Write any YAML comments in German");
    }

    @Test
    void validReplyIsPrintedWithOutputYamlAndNotApplied() {
        server.reply(GenerateCli.fenced(GOOD));
        var run = generate("-o", "yaml", "a redis deployment with 3 replicas and a service");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("apiVersion: apps/v1").contains("kind: Service").doesNotContain("Here are");
        assertThat(server.chatRequests()).hasSize(1);
        assertThat(userMessage(0)).isEqualTo("a redis deployment with 3 replicas and a service");
        assertThat(server.chatRequests().getFirst().header("Authorization")).isEqualTo("Bearer sk-test");
    }

    @Test
    void maxTokensIsABudgetNotSentAsMaxTokens() {
        server.reply(GenerateCli.fenced(GOOD));
        var run = GenerateCli.run("--max-tokens", "60000", "generate", "--config", config(), "--kubeconfig",
                dir.resolve("no-kubeconfig").toString(), "-o", "yaml", "redis");
        assertThat(run.exitCode()).as(run.err()).isZero();
        var body = server.chatRequests().getFirst().json();
        // every reply has an output limit (issue 11): the task's, not the whole command's budget
        assertThat(body.path("max_tokens").asInt()).isEqualTo(GenerateService.GENERATE_OUTPUT_TOKENS);
        assertThat(body.has("max_completion_tokens")).isFalse();
    }

    @Test
    void thinkingAndProseAroundTheFenceAreDropped() {
        server.reply("<think>The user wants redis. Maybe ```yaml\nkind: Wrong\n``` no.</think>\n"
                + "Sure! Here is a Deployment and a Service:\n\n```yaml\n" + GOOD + "```\n\nApply it with kubectl apply -f.");
        var run = generate("-o", "yaml", "redis");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(GOOD);
    }

    @Test
    void promptFromFileAndSaveToFile() throws Exception {
        Path prompt = dir.resolve("prompt.txt");
        Files.writeString(prompt, "a redis deployment\nwith a service\n");
        Path saved = dir.resolve("out.yaml");
        server.reply(GenerateCli.fenced(GOOD));
        var run = generate("-f", prompt.toString(), "--save", saved.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(userMessage(0)).isEqualTo("a redis deployment\nwith a service");
        assertThat(Files.readString(saved)).isEqualTo(run.out()).contains("kind: Deployment");
        assertThat(run.err()).contains("saved 2 object(s)", "no cluster (cannot read kubeconfig", "not applied (no cluster reachable)");
    }

    @Test
    void promptFromStdin() {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream("redis from stdin".getBytes(StandardCharsets.UTF_8)));
        try {
            server.reply(GenerateCli.fenced(GOOD));
            var run = generate("-f", "-", "-o", "yaml");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(userMessage(0)).isEqualTo("redis from stdin");
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void invalidAfterRepairsFailsWithTheProblems() {
        String typo = GenerateCli.fenced(GOOD.replace("replicas: 3", "replicas: three"));
        server.reply(typo).reply(typo);
        var run = generate("--max-repairs", "1", "redis");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.LLM);
        assertThat(server.chatRequests()).hasSize(2);
        assertThat(server.chatRequests().get(1).body()).contains("spec.replicas: expected integer, got \\\"three\\\"");
        assertThat(run.err()).contains("Deployment/redis: spec.replicas: expected integer, got \"three\"",
                "did not produce valid manifests in 2 round(s)");
        assertThat(run.out()).isEmpty();
    }

    /** Issue 11 point 6 / issue 10 class 8: a repair round answered with an empty reply is exit 3, one line. */
    @Test
    void anEmptyReplyInTheRepairLoopIsExit3() {
        String typo = GenerateCli.fenced(GOOD.replace("replicas: 3", "replicas: three"));
        server.reply(typo).enqueue(new ScriptedLlmServer.Reply.Raw(200, "application/json",
                "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[]}"));
        var run = generate("--max-repairs", "2", "redis");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.LLM);
        assertThat(run.err().lines().toList().getLast()).startsWith("k8s-ai-agent: ").doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unauthorizedIsOneLineWithExitCodeLlm() {
        server.error(401, "Incorrect API key provided");
        var run = generate("redis");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.LLM);
        // the offline note, then the error: one line, no stack trace
        assertThat(run.err().lines().toList()).hasSize(2).last().satisfies(l -> assertThat(l)
                .startsWith("k8s-ai-agent: authentication failed for scripted at " + server.baseUrl()));
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
        assertThat(server.chatRequests()).hasSize(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void usageErrors() {
        assertThat(generate().exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(generate("--max-repairs", "-1", "x").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(generate("-o", "json", "x").err()).contains("generate writes -o text or yaml, not -o json");
        assertThat(generate("-f", "/nonexistent/prompt.txt").err()).contains("cannot read prompt file /nonexistent/prompt.txt");
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void noProviderIsAUsageErrorBeforeAnyCluster() {
        assumeThat(System.getenv("OPENAI_API_KEY")).isNull();
        assumeThat(System.getenv("OPENAI_BASE_URL")).isNull();
        assumeThat(System.getenv("AZURE_OPENAI_API_KEY")).isNull();
        assumeThat(System.getenv("OLLAMA_HOST")).isNull();
        var run = GenerateCli.run("generate", "--config", dir.resolve("missing.yaml").toString(),
                "--kubeconfig", dir.resolve("no-kubeconfig").toString(), "redis");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).startsWith("k8s-ai-agent: ").doesNotContain("\n").doesNotContain("no cluster");
    }

    @Test
    void auditFindingsOfTheGeneratedManifestsAreWarnings() {
        String privileged = GOOD.replace("securityContext: {runAsNonRoot: true, runAsUser: 999}",
                "hostNetwork: true");
        server.reply(GenerateCli.fenced(privileged)).reply(GenerateCli.fenced(privileged));
        var run = generate("-o", "yaml", "-n", "shop", "redis");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("k8s-ai-agent: warning: Deployment/shop/redis: pod sets hostNetwork to true (PssHostNamespaces, critical)")
                .doesNotContain("warning: warning:");
        assertThat(run.err().lines().filter(l -> l.endsWith(", info)"))).isEmpty();
        var verbose = generate("-o", "yaml", "-n", "shop", "-v", "redis");
        java.util.function.Predicate<String> reviewLine = l -> l.matches("k8s-ai-agent: (warning|note): .*, (critical|warning|info)\\)");
        assertThat(verbose.err().lines().filter(reviewLine).count())
                .isGreaterThanOrEqualTo(run.err().lines().filter(reviewLine).count());
    }
}
