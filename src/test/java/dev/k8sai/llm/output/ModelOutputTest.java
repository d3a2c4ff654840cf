package dev.k8sai.llm.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.k8sai.llm.ToolSpec;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelOutputTest {

    // ---- ThinkBlocks ------------------------------------------------------------------------

    static Stream<Arguments> thinkCases() {
        return Stream.of(
                Arguments.of("no tags", "Hello", "", "Hello"),
                Arguments.of("think block", "<think>plan it</think>\nAnswer", "plan it", "Answer"),
                Arguments.of("thinking block, upper case", "<THINKING>hmm</THINKING>Done", "hmm", "Done"),
                Arguments.of("two blocks", "<think>a</think>X<think>b</think>Y", "a\n\nb", "XY"),
                Arguments.of("unterminated", "Sure.<think>still thinking and cut", "still thinking and cut", "Sure."),
                Arguments.of("stray close (R1 template)", "reasoning here\n</think>\n\nFinal", "reasoning here", "Final"),
                Arguments.of("stray close then block", "r1</think>A<think>r2</think>B", "r1\n\nr2", "AB"),
                Arguments.of("empty", "", "", ""),
                Arguments.of("only thinking", "<think>x</think>", "x", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("thinkCases")
    void splitsThinking(String label, String text, String thinking, String visible) {
        ThinkBlocks.Split s = ThinkBlocks.split(text);
        assertThat(s.thinking()).isEqualTo(thinking);
        assertThat(s.visible()).isEqualTo(visible);
    }

    // ---- JsonExtraction ---------------------------------------------------------------------

    static Stream<Arguments> jsonCases() {
        return Stream.of(
                Arguments.of("clean", "{\"a\": 1}", "{\"a\":1}"),
                Arguments.of("fenced json with think", "<think>maybe {\"a\":0}</think>\n```json\n{\"a\": 2}\n```", "{\"a\":2}"),
                Arguments.of("unlabelled fence", "Here:\n```\n{\"a\": 3}\n```\nbye", "{\"a\":3}"),
                Arguments.of("trailing comma, Chinese prose", "好的，结果如下：\n```json\n{\"a\": [1, 2,], }\n```\n希望有帮助", "{\"a\":[1,2]}"),
                Arguments.of("prose then json", "I will check the pods now. {\"a\": {\"b\": \"x}\"}} Thanks", "{\"a\":{\"b\":\"x}\"}}"),
                Arguments.of("python literals", "{'ok': True, 'v': None, 'f': False, 's': 'True'}", "{\"ok\":true,\"v\":null,\"f\":false,\"s\":\"True\"}"),
                Arguments.of("raw newline in string", "{\"text\": \"line1\nline2\"}", "{\"text\":\"line1\\nline2\"}"),
                Arguments.of("comments", "{\n // the name\n \"a\": 1 /* one */\n}", "{\"a\":1}"),
                Arguments.of("truncated", "```json\n{\"action\": {\"name\": \"get\", \"input\": {\"ns\": \"default\"", "{\"action\":{\"name\":\"get\",\"input\":{\"ns\":\"default\"}}}"),
                Arguments.of("truncated in string", "{\"final_answer\": \"The pod is crash", "{\"final_answer\":\"The pod is crash\"}"),
                Arguments.of("truncated after colon", "{\"a\": 1, \"b\":", "{\"a\":1,\"b\":null}"),
                Arguments.of("object preferred to citation array", "See [1] and {\"a\": 1}", "{\"a\":1}"),
                Arguments.of("array when no object", "Values: [1, 2]", "[1,2]"),
                Arguments.of("first fence unparseable, second ok", "```json\nnot json\n```\n```json\n{\"a\":1}\n```", "{\"a\":1}"),
                Arguments.of("pure prose", "The deployment looks healthy.", null),
                Arguments.of("empty", "", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonCases")
    void extractsJson(String label, String text, String expectedCompact) {
        Optional<JsonNode> node = JsonExtraction.extract(text);
        if (expectedCompact == null) {
            assertThat(node).isEmpty();
        } else {
            assertThat(node).isPresent();
            assertThat(node.get().toString()).isEqualTo(expectedCompact);
        }
    }

    @Test
    void singleQuotesAndUnquotedKeys() {
        assertThat(JsonExtraction.extract("{'a': 'x', b: \"y\"}").orElseThrow().toString()).isEqualTo("{\"a\":\"x\",\"b\":\"y\"}");
    }

    // ---- ReactProtocol ----------------------------------------------------------------------

    sealed interface Expect permits Act, Fin, Bad { }

    record Act(String tool, String inputJson, String thought) implements Expect { }

    record Fin(String text) implements Expect { }

    record Bad() implements Expect { }

    static Stream<Arguments> replies() {
        return Stream.of(
                Arguments.of("DeepSeek-R1: think + fenced json",
                        "<think>\nThe user wants pods. I should call list_pods.\n</think>\n\n```json\n{\"thought\": \"list pods\", \"action\": {\"name\": \"list_pods\", \"input\": {\"namespace\": \"shop\"}}}\n```",
                        new Act("list_pods", "{\"namespace\":\"shop\"}", "list pods")),
                Arguments.of("DeepSeek-R1: stray </think> then json",
                        "Okay, let me think.\n</think>\n{\"thought\":\"t\",\"action\":{\"name\":\"get_events\",\"input\":{}}}",
                        new Act("get_events", "{}", "t")),
                Arguments.of("Qwen: fenced json, trailing comma, Chinese prose",
                        "我需要先查看 Pod 的日志。\n```json\n{\n  \"thought\": \"查看日志\",\n  \"action\": {\"name\": \"pod_logs\", \"input\": {\"name\": \"web-1\", \"tail\": 50,},},\n}\n```\n接下来我会分析日志。",
                        new Act("pod_logs", "{\"name\":\"web-1\",\"tail\":50}", "查看日志")),
                Arguments.of("GPT-4o: clean JSON",
                        "{\"thought\":\"enough info\",\"final_answer\":\"The image tag does not exist.\"}",
                        new Fin("The image tag does not exist.")),
                Arguments.of("llama3: prose then JSON",
                        "To find out why the pod is failing, I will describe it.\n{\"action\": \"describe\", \"action_input\": {\"kind\": \"Pod\", \"name\": \"api\"}}",
                        new Act("describe", "{\"kind\":\"Pod\",\"name\":\"api\"}", "To find out why the pod is failing, I will describe it.")),
                Arguments.of("action_input as JSON string",
                        "{\"action\": \"describe\", \"action_input\": \"{\\\"kind\\\": \\\"Pod\\\"}\"}",
                        new Act("describe", "{\"kind\":\"Pod\"}", "")),
                Arguments.of("single quotes (python repr)",
                        "{'thought': 'check', 'action': {'name': 'list_pods', 'input': {'all': True}}}",
                        new Act("list_pods", "{\"all\":true}", "check")),
                Arguments.of("raw newline in final answer",
                        "{\"final_answer\": \"Line one\nLine two\"}",
                        new Fin("Line one\nLine two")),
                Arguments.of("truncated action",
                        "```json\n{\"thought\": \"x\", \"action\": {\"name\": \"list_pods\", \"input\": {\"namespace\": \"kube-sys",
                        new Act("list_pods", "{\"namespace\":\"kube-sys\"}", "x")),
                Arguments.of("LangChain Final Answer",
                        "{\"action\": \"Final Answer\", \"action_input\": \"All good.\"}",
                        new Fin("All good.")),
                Arguments.of("answer key",
                        "{\"answer\": \"Scale it down.\"}",
                        new Fin("Scale it down.")),
                Arguments.of("OpenAI-style function call as text",
                        "{\"name\": \"list_pods\", \"arguments\": {\"namespace\": \"a\"}}",
                        new Act("list_pods", "{\"namespace\":\"a\"}", "")),
                Arguments.of("tool + args synonyms",
                        "{\"action\": {\"tool\": \"top\", \"args\": {\"n\": 3}}}",
                        new Act("top", "{\"n\":3}", "")),
                Arguments.of("pure prose is the answer",
                        "<think>ok</think>The Service has no endpoints because its selector matches no pods.",
                        new Fin("The Service has no endpoints because its selector matches no pods.")),
                Arguments.of("JSON without protocol keys is prose (e.g. a manifest)",
                        "{\"apiVersion\": \"v1\", \"kind\": \"Pod\"}",
                        new Fin("{\"apiVersion\": \"v1\", \"kind\": \"Pod\"}")),
                Arguments.of("broken action JSON", "{\"action\": {\"name\": \"x\" \"input\" }}}", new Bad()),
                Arguments.of("empty", "", new Bad()),
                Arguments.of("only thinking", "<think>I am still thinking", new Bad()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void parsesReactReplies(String label, String reply, Expect expected) {
        ReactStep step = ReactProtocol.parse(reply);
        switch (expected) {
            case Act a -> {
                assertThat(step).isInstanceOf(ReactStep.Action.class);
                ReactStep.Action act = (ReactStep.Action) step;
                assertThat(act.toolName()).isEqualTo(a.tool());
                assertThat(act.input().toString()).isEqualTo(a.inputJson());
                assertThat(act.thought()).isEqualTo(a.thought());
            }
            case Fin f -> {
                assertThat(step).isInstanceOf(ReactStep.FinalAnswer.class);
                assertThat(((ReactStep.FinalAnswer) step).text()).isEqualTo(f.text());
            }
            case Bad b -> assertThat(step).isInstanceOf(ReactStep.Unparseable.class);
        }
    }

    @Test
    void systemPromptListsToolsAndTheProtocol() {
        String prompt = ReactProtocol.systemPrompt(List.of(
                new ToolSpec("list_pods", "List pods\nin a namespace.", "{\"type\":\"object\",\"properties\":{\"namespace\":{\"type\":\"string\"}}}")));
        assertThat(prompt).contains("\"final_answer\"", "\"action\"", "\"Observation\"",
                "- list_pods: List pods in a namespace.", "input schema: {\"type\":\"object\"");
    }
}
