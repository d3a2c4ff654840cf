package dev.k8sai.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenCounterTest {

    @ParameterizedTest
    @CsvSource({
            "gpt-4o, o200k_base",
            "gpt-4o-mini, o200k_base",
            "GPT-4.1-nano, o200k_base",
            "o1-preview, o200k_base",
            "o3-mini, o200k_base",
            "openai/gpt-4o, o200k_base",
            "gpt-4, cl100k_base",
            "gpt-4-turbo, cl100k_base",
            "gpt-3.5-turbo, cl100k_base",
            "qwen-plus, cl100k_base",
            "deepseek-r1, cl100k_base",
            "llama3, cl100k_base",
            "'', cl100k_base",
    })
    void encodingByModelName(String model, String encoding) {
        assertThat(TokenCounter.forModel(model).encodingName()).isEqualTo(encoding);
    }

    @Test
    void nullModelFallsBackInsteadOfThrowing() {
        assertThat(TokenCounter.forModel(null).encodingName()).isEqualTo("cl100k_base");
        assertThat(TokenCounter.forModel(null).count("hello world")).isEqualTo(2);
    }

    @Test
    void unknownModelsCountLikeCl100k() {
        String text = "kubectl get pods -n shop --field-selector=status.phase!=Running";
        assertThat(TokenCounter.forModel("deepseek-r1").count(text)).isEqualTo(TokenCounter.forModel("gpt-4").count(text));
        assertThat(TokenCounter.forModel("qwen-plus").count(text)).isGreaterThan(10);
    }

    @Test
    void requestCountIncludesPerMessageOverheadAndTools() {
        TokenCounter counter = TokenCounter.forModel("gpt-4o");
        LlmRequest bare = LlmRequest.of(List.of(new LlmMessage.System("sys"), new LlmMessage.User("hello")));
        int expected = TokenCounter.REPLY_PRIMER + 2 * TokenCounter.PER_MESSAGE_OVERHEAD + counter.count("sys") + counter.count("hello");
        assertThat(counter.count(bare)).isEqualTo(expected);

        ToolSpec tool = new ToolSpec("kubectl_get", "List resources", "{\"type\":\"object\"}");
        LlmRequest withTool = new LlmRequest(bare.messages(), List.of(tool), null);
        assertThat(counter.count(withTool)).isEqualTo(expected + counter.count(tool));
        assertThat(counter.count(tool)).isGreaterThan(TokenCounter.PER_TOOL_OVERHEAD);
    }

    @Test
    void toolCallsInAssistantMessagesCount() {
        TokenCounter counter = TokenCounter.forModel("gpt-4o");
        var plain = LlmMessage.Assistant.of("");
        var withCall = new LlmMessage.Assistant("", List.of(new ToolCall("c1", "kubectl_get", "{\"kind\":\"Pod\"}")));
        assertThat(counter.count(withCall)).isGreaterThan(counter.count(plain) + 5);
    }
}
