package dev.k8sai.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.config.ProviderProfile;
import dev.k8sai.config.ProviderType;
import dev.k8sai.config.ToolCallingMode;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import dev.k8sai.testing.llm.ScriptedLlmTest;
import dev.k8sai.testing.llm.ScriptedLlmServer.Reply;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Drives the production HTTP path (LangChain4j + our HTTP client) against a scripted OpenAI-compatible server. */
class LlmClientsTest extends ScriptedLlmTest {

    private static final String TOOL_SCHEMA = """
            {"type":"object","properties":{
              "kind":{"type":"string","description":"resource kind"},
              "namespace":{"type":"string"},
              "limit":{"type":"integer"},
              "output":{"type":"string","enum":["yaml","json"]},
              "labels":{"type":"array","items":{"type":"string"}}},
             "required":["kind"]}""";

    private final List<Duration> slept = new CopyOnWriteArrayList<>();

    static ProviderProfile profile(ProviderType type, String baseUrl, String model, String apiKey, int maxRetries) {
        return new ProviderProfile("test", type, baseUrl, model, "TEST_API_KEY", apiKey, null, null,
                Duration.ofSeconds(10), maxRetries, ToolCallingMode.NATIVE, Map.of());
    }

    private LlmClient client(String baseUrl, int maxRetries) {
        return LlmClients.create(profile(ProviderType.OPENAI_COMPATIBLE, baseUrl, "qwen-plus", "sk-test", maxRetries), slept::add);
    }

    private LlmClient client() {
        return client(server.baseUrl(), 2);
    }

    private static LlmRequest ask(String question) {
        return LlmRequest.of(List.of(new LlmMessage.System("You are a Kubernetes assistant."), new LlmMessage.User(question)));
    }

    @Test
    void plainReplyIsReturnedAndTheRequestIsOpenAiShaped() {
        server.enqueue(Reply.text("The pod is crash looping.").withUsage(42, 7));

        LlmResponse response = client().chat(ask("why is my pod failing?"));

        assertThat(response.text()).isEqualTo("The pod is crash looping.");
        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.usage()).isEqualTo(new TokenUsage(42, 7));
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(server.requestCount()).isEqualTo(1);
        ScriptedLlmServer.RecordedRequest req = server.lastRequest();
        assertThat(req.path()).isEqualTo("/v1/chat/completions");
        assertThat(req.header("Authorization")).isEqualTo("Bearer sk-test");
        assertThat(req.json().path("model").asText()).isEqualTo("qwen-plus");
        assertThat(ScriptedLlmServer.messageContents(req))
                .containsExactly("You are a Kubernetes assistant.", "why is my pod failing?");
        assertThat(req.json().path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(req.json().has("tools")).isFalse();
    }

    @Test
    void usageIsEstimatedWhenTheProviderReportsNone() {
        server.reply("Short answer.");

        LlmResponse response = client().chat(ask("hello"));

        assertThat(response.usage().input()).isGreaterThan(5);
        assertThat(response.usage().output()).isEqualTo(TokenCounter.forModel("qwen-plus").count("Short answer."));
    }

    @Test
    void streamingDeliversFragmentsInOrderAndJoinsThem() {
        server.enqueue(Reply.fragments("The ", "image ", "tag ", "is wrong.").withUsage(30, 4));
        List<String> seen = new ArrayList<>();

        LlmResponse response = client().stream(ask("why?"), seen::add);

        assertThat(seen).containsExactly("The ", "image ", "tag ", "is wrong.");
        assertThat(response.text()).isEqualTo("The image tag is wrong.");
        assertThat(response.usage()).isEqualTo(new TokenUsage(30, 4));
        assertThat(server.lastRequest().json().path("stream").asBoolean()).isTrue();
    }

    @Test
    void nativeToolCallSendsToolsAndParsesTheCall() {
        server.toolCalls(new ToolCall("call_1", "kubectl_get", "{\"kind\":\"Pod\",\"namespace\":\"shop\"}"));
        ToolSpec tool = new ToolSpec("kubectl_get", "List resources of a kind", TOOL_SCHEMA);

        LlmResponse response = client().chat(new LlmRequest(ask("list pods").messages(), List.of(tool), 500));

        assertThat(response.toolCalls()).containsExactly(
                new ToolCall("call_1", "kubectl_get", "{\"kind\":\"Pod\",\"namespace\":\"shop\"}"));
        assertThat(response.finishReason()).isEqualTo("tool_calls");
        JsonNode sent = server.lastRequest().json();
        JsonNode fn = sent.path("tools").get(0).path("function");
        assertThat(fn.path("name").asText()).isEqualTo("kubectl_get");
        assertThat(fn.path("description").asText()).isEqualTo("List resources of a kind");
        JsonNode params = fn.path("parameters");
        assertThat(params.path("properties").path("kind").path("type").asText()).isEqualTo("string");
        assertThat(params.path("properties").path("limit").path("type").asText()).isEqualTo("integer");
        assertThat(params.path("properties").path("output").path("enum").toString()).isEqualTo("[\"yaml\",\"json\"]");
        assertThat(params.path("properties").path("labels").path("items").path("type").asText()).isEqualTo("string");
        assertThat(params.path("required").toString()).isEqualTo("[\"kind\"]");
    }

    @Test
    void streamedToolCallIsAssembledFromChunks() {
        server.toolCalls(new ToolCall("call_9", "kubectl_logs", "{\"pod\":\"web-1\",\"tail\":50}"));

        LlmResponse response = client().stream(new LlmRequest(ask("logs").messages(),
                List.of(new ToolSpec("kubectl_logs", "Pod logs", "{\"type\":\"object\",\"properties\":{\"pod\":{\"type\":\"string\"}}}")), null),
                s -> { });

        assertThat(response.toolCalls()).containsExactly(new ToolCall("call_9", "kubectl_logs", "{\"pod\":\"web-1\",\"tail\":50}"));
    }

    @Test
    void toolResultsAndAssistantToolCallsGoBackInOpenAiForm() {
        server.reply("done");
        List<LlmMessage> conversation = List.of(
                new LlmMessage.User("list pods"),
                new LlmMessage.Assistant("", List.of(new ToolCall("call_1", "kubectl_get", "{\"kind\":\"Pod\"}"))),
                new LlmMessage.ToolResult("call_1", "kubectl_get", "web-1 Running"));

        client().chat(new LlmRequest(conversation, List.of(), null));

        JsonNode messages = server.lastRequest().json().path("messages");
        assertThat(messages.get(1).path("tool_calls").get(0).path("id").asText()).isEqualTo("call_1");
        assertThat(messages.get(1).path("tool_calls").get(0).path("function").path("arguments").asText())
                .isEqualTo("{\"kind\":\"Pod\"}");
        assertThat(messages.get(2).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(2).path("tool_call_id").asText()).isEqualTo("call_1");
        assertThat(messages.get(2).path("content").asText()).isEqualTo("web-1 Running");
    }

    @Test
    void thinkTagsPassThroughUnchanged() {
        String raw = "<think>The user wants pods. Check events first.</think>\nThe pod lacks memory.";
        server.reply(raw);
        server.replyFragments("<think>hm", "m</think>", "Answer.");

        assertThat(client().chat(ask("q")).text()).isEqualTo(raw);
        assertThat(client().stream(ask("q"), s -> { }).text()).isEqualTo("<think>hmm</think>Answer.");
    }

    @Test
    void rateLimitWithRetryAfterIsRetriedAfterTheGivenDelay() {
        server.error(429, "Rate limit reached for requests", 7);
        server.reply("ok after waiting");

        LlmResponse response = client().chat(ask("q"));

        assertThat(response.text()).isEqualTo("ok after waiting");
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(slept).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void hugeRetryAfterIsCapped() {
        server.error(429, "slow down", 86_400);
        server.reply("ok");

        client().chat(ask("q"));

        assertThat(slept).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void streamingIsRetriedWhenItFailsBeforeTheFirstFragment() {
        server.error(503, "overloaded");
        server.replyFragments("a", "b");
        List<String> seen = new ArrayList<>();

        LlmResponse response = client().stream(ask("q"), seen::add);

        assertThat(seen).containsExactly("a", "b");
        assertThat(response.text()).isEqualTo("ab");
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(slept).hasSize(1);
    }

    @Test
    void readTimeoutIsRetriedThenSucceedsWhereTheServerRunsRequestsInParallel() {
        server.replyWith(req -> {
            try {
                Thread.sleep(2_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.text("too late");
        });
        server.reply("in time");
        ProviderProfile p = new ProviderProfile("test", ProviderType.OPENAI_COMPATIBLE, server.baseUrl(), "qwen-plus",
                null, null, null, null, Duration.ofSeconds(1), 1, ToolCallingMode.NATIVE, Map.of(),
                new dev.k8sai.config.ServerLimits(null, null, true));

        LlmResponse response = LlmClients.create(p, slept::add).chat(ask("q"));

        assertThat(response.text()).isEqualTo("in time");
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(slept).hasSize(1);
    }

    @Test
    void readTimeoutWithoutRetriesIsTimeout() {
        server.replyWith(req -> {
            try {
                Thread.sleep(2_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.text("too late");
        });
        ProviderProfile p = new ProviderProfile("test", ProviderType.OPENAI_COMPATIBLE, server.baseUrl(), "qwen-plus",
                null, null, null, null, Duration.ofSeconds(1), 0, ToolCallingMode.NATIVE, Map.of());

        assertThatThrownBy(() -> LlmClients.create(p, slept::add).chat(ask("q")))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.TIMEOUT);
                    assertThat(e.getMessage()).contains("within 1s");
                });
    }

    @Test
    void replyComputedFromTheRequest() {
        server.replyWith(req -> Reply.text("echo: " + ScriptedLlmServer.messageContents(req).getLast()));

        assertThat(client().chat(ask("ping")).text()).isEqualTo("echo: ping");
    }

    @Test
    void serverErrorsExhaustRetriesWithBackoffThenFailAsServer() {
        for (int i = 0; i < 3; i++) {
            server.error(500, "The server had an error while processing your request.");
        }

        assertThatThrownBy(() -> client(server.baseUrl(), 2).chat(ask("q")))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.SERVER);
                    assertThat(e.getMessage())
                            .contains("HTTP 500")
                            .contains(server.baseUrl() + "/chat/completions")
                            .contains("The server had an error")
                            .contains("after 3 attempts")
                            .doesNotContain("\n");
                    assertThat(e.detail()).isNotBlank();
                });
        assertThat(server.requestCount()).isEqualTo(3);
        assertThat(slept).hasSize(2);
        // exponential with jitter: retry 1 in [250ms, 500ms], retry 2 in [500ms, 1s]
        assertThat(slept.get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
        assertThat(slept.get(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void unauthorizedIsOneClearLineNamingTheEnvVar() {
        server.error(401, "Incorrect API key provided: sk-test.");

        assertThatThrownBy(() -> client().chat(ask("q")))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.AUTH);
                    assertThat(e.getMessage()).isEqualTo("authentication failed for test at "
                            + server.baseUrl() + "/chat/completions: check TEST_API_KEY");
                });
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(slept).isEmpty();
    }

    @Test
    void missingKeyNamesTheEnvVarAndSendsNothing() {
        // a hosted endpoint: a local one needs no key
        assertThatThrownBy(() -> LlmClients.create(profile(ProviderType.OPENAI, "https://api.example.com/v1", "gpt-4o", null, 0)))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.MISSING_KEY);
                    assertThat(e.getMessage()).contains("TEST_API_KEY");
                });
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void baseUrlWithoutV1GivesNotFoundNamingTheUrlAndTheFix() {
        assertThatThrownBy(() -> client(server.rootUrl(), 2).chat(ask("q")))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.NOT_FOUND);
                    assertThat(e.getMessage())
                            .contains(server.rootUrl() + "/chat/completions")
                            .contains("add /v1 to the base URL");
                });
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(slept).isEmpty();
    }

    @Test
    void baseUrlWithExtraPathGivesNotFoundNamingTheUrl() {
        assertThatThrownBy(() -> client(server.baseUrl() + "/openai/v1", 0).chat(ask("q")))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains(server.baseUrl() + "/openai/v1/chat/completions")
                            .contains("check the base URL");
                });
    }

    @Test
    void unknownModelGivesNotFoundSuggestingTheModelName() {
        server.error(404, "The model `gpt-5-turbo` does not exist or you do not have access to it.");

        assertThatThrownBy(() -> client().chat(ask("q")))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("check the model name 'qwen-plus'");
                });
    }

    @Test
    void trailingSlashesAndPastedEndpointAreNormalised() {
        server.reply("one").reply("two");

        assertThat(client(server.baseUrl() + "///", 0).chat(ask("q")).text()).isEqualTo("one");
        assertThat(client(server.baseUrl() + "/chat/completions", 0).chat(ask("q")).text()).isEqualTo("two");
        assertThat(server.requests()).extracting(ScriptedLlmServer.RecordedRequest::path)
                .containsOnly("/v1/chat/completions");
    }

    @Test
    void connectionRefusedIsUnreachableNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/v1";

        assertThatThrownBy(() -> client(url, 2).chat(ask("q")))
                .isInstanceOfSatisfying(LlmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LlmException.Kind.UNREACHABLE);
                    assertThat(e.getMessage()).contains(url).contains("connection refused");
                });
        assertThat(slept).isEmpty();
    }

    @Test
    void exhaustedScriptIsA500SayingSo() {
        assertThatThrownBy(() -> client(server.baseUrl(), 0).chat(ask("q")))
                .isInstanceOfSatisfying(LlmException.class, e ->
                        assertThat(e.getMessage()).contains("script exhausted"));
    }

    @Test
    void azureUsesDeploymentUrlApiVersionAndApiKeyHeader() {
        server.close();
        server = ScriptedLlmServer.start("/openai/deployments/gpt4o-prod");
        server.reply("azure says hi");
        ProviderProfile azure = new ProviderProfile("azure", ProviderType.AZURE_OPENAI, server.rootUrl() + "/",
                "gpt-4o", "AZURE_OPENAI_API_KEY", "az-key", "gpt4o-prod", "2024-10-21",
                Duration.ofSeconds(10), 0, ToolCallingMode.NATIVE, Map.of());

        assertThat(LlmClients.create(azure, slept::add).chat(ask("q")).text()).isEqualTo("azure says hi");

        ScriptedLlmServer.RecordedRequest req = server.lastRequest();
        assertThat(req.path()).isEqualTo("/openai/deployments/gpt4o-prod/chat/completions");
        assertThat(req.query()).isEqualTo("api-version=2024-10-21");
        assertThat(req.header("api-key")).isEqualTo("az-key");
        assertThat(req.header("Authorization")).isNull();
    }

    @Test
    void reactModeDoesNotSendNativeTools() {
        server.reply("{\"action\":{\"name\":\"kubectl_get\",\"input\":{}}}");
        ProviderProfile p = new ProviderProfile("test", ProviderType.OPENAI_COMPATIBLE, server.baseUrl(), "deepseek-r1",
                null, null, null, null, Duration.ofSeconds(10), 0, ToolCallingMode.REACT, Map.of("X-Team", "sre"));
        LlmClient client = LlmClients.create(p, slept::add);

        client.chat(new LlmRequest(ask("q").messages(), List.of(new ToolSpec("t", "d", TOOL_SCHEMA)), null));

        assertThat(client.nativeToolCalling()).isFalse();
        assertThat(server.lastRequest().json().has("tools")).isFalse();
        assertThat(server.lastRequest().header("Authorization")).isNull();
        assertThat(server.lastRequest().header("X-Team")).isEqualTo("sre");
    }

    @Test
    void usageMeterCountsTokensAndRoundTrips() {
        server.enqueue(Reply.text("a").withUsage(100, 10));
        server.enqueue(Reply.fragments("b").withUsage(200, 20));
        UsageMeter meter = new UsageMeter();
        List<String> printed = new ArrayList<>();
        LlmClient metered = meter.meter(client(), m -> printed.add(m.summary()));

        metered.chat(ask("q"));
        metered.stream(ask("q"), s -> { });

        assertThat(meter.total()).isEqualTo(new TokenUsage(300, 30));
        assertThat(meter.roundTrips()).isEqualTo(2);
        assertThat(printed).containsExactly("tokens in/out: 100/10, round trips: 1", "tokens in/out: 300/30, round trips: 2");
    }
}
