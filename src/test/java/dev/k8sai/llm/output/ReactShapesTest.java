package dev.k8sai.llm.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.llm.ToolSpec;
import dev.k8sai.tools.ClusterReadTool;
import dev.k8sai.tools.JqTool;
import dev.k8sai.tools.KubectlTool;
import dev.k8sai.tools.PythonTool;
import dev.k8sai.tools.Tool;
import dev.k8sai.tools.TrivyTool;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 19: action shapes as DeepSeek, Qwen, GLM and Llama models write them, parsed against the real
 * tools' schemas (the ones the agent offers), into the argument object the tool takes.
 */
class ReactShapesTest {

    static final List<ToolSpec> TOOLS = Stream.<Tool>of(new KubectlTool(null), new JqTool(),
                    new TrivyTool(Optional.empty(), Duration.ofSeconds(1)), new PythonTool(false, null, null, null),
                    new ClusterReadTool(null, ClusterReadTool.Mode.EVENTS))
            .map(t -> t.definition().toSpec()).toList();

    static final String DESIGN_REPLY = ReactReplies.DESIGN_REPLY;

    static Stream<Arguments> actions() {
        return Stream.of(
                // ---- DeepSeek
                Arguments.of("DeepSeek-R1: the design's reply (string input, no kubectl, invented observation + answer)",
                        DESIGN_REPLY, "kubectl", "{\"command\":\"kubectl get namespaces --no-headers | wc -l\"}"),
                Arguments.of("DeepSeek-R1: stray </think>, fenced, string input with kubectl",
                        "Let me list the pods.\n</think>\n\n```json\n{\"thought\": \"list pods\", \"action\": {\"name\": \"kubectl\", \"input\": \"kubectl get pods -A\"}}\n```",
                        "kubectl", "{\"command\":\"kubectl get pods -A\"}"),
                Arguments.of("DeepSeek-V3: object input without kubectl",
                        "{\"thought\": \"check deployments\", \"action\": {\"name\": \"kubectl\", \"input\": {\"command\": \"get deploy -n shop\"}}}",
                        "kubectl", "{\"command\":\"kubectl get deploy -n shop\"}"),
                Arguments.of("DeepSeek: command as `inline code`",
                        "{\"action\": {\"name\": \"kubectl\", \"input\": \"`kubectl get ns`\"}}",
                        "kubectl", "{\"command\":\"kubectl get ns\"}"),
                // ---- Qwen
                Arguments.of("Qwen2.5: text ReAct (Action / Action Input) with an invented Observation",
                        "Thought: 我需要列出所有命名空间\nAction: kubectl\nAction Input: get ns --no-headers\nObservation: 5\nFinal Answer: 5",
                        "kubectl", "{\"command\":\"kubectl get ns --no-headers\"}"),
                Arguments.of("Qwen2.5: hermes <tool_call> with arguments object, kubectl included",
                        "<tool_call>\n{\"name\": \"kubectl\", \"arguments\": {\"command\": \"kubectl get pods -n default\"}}\n</tool_call>",
                        "kubectl", "{\"command\":\"kubectl get pods -n default\"}"),
                Arguments.of("Qwen3: think block, fenced, action as string + action_input string",
                        "<think>\n好的，用户想看服务。\n</think>\n\n```json\n{\n  \"thought\": \"查看服务\",\n  \"action\": \"kubectl\",\n  \"action_input\": \"get svc -A\"\n}\n```",
                        "kubectl", "{\"command\":\"kubectl get svc -A\"}"),
                Arguments.of("Qwen: Action Input as a JSON object in text ReAct",
                        "Thought: describe it\nAction: kubectl\nAction Input: {\"command\": \"describe pod web-1 -n shop\"}",
                        "kubectl", "{\"command\":\"kubectl describe pod web-1 -n shop\"}"),
                // ---- GLM
                Arguments.of("GLM-4: tool name on a line, then the arguments",
                        "kubectl\n{\"command\": \"get nodes -o wide\"}",
                        "kubectl", "{\"command\":\"kubectl get nodes -o wide\"}"),
                Arguments.of("GLM-4: action as string + action_input object with kubectl",
                        "{\"thought\": \"看 Pod 详情\", \"action\": \"kubectl\", \"action_input\": {\"command\": \"kubectl describe pod web-1 -n shop\"}}",
                        "kubectl", "{\"command\":\"kubectl describe pod web-1 -n shop\"}"),
                Arguments.of("GLM-Z1: think block, action string + action_input string with kubectl, invented final_answer",
                        "<think>资源使用</think>{\"action\": \"kubectl\", \"action_input\": \"kubectl top pods -A\", \"final_answer\": \"都正常\"}",
                        "kubectl", "{\"command\":\"kubectl top pods -A\"}"),
                // ---- Llama
                Arguments.of("Llama 3: prose lead-in, action string + action_input string",
                        "To see all pods I will list them.\n{\"action\": \"kubectl\", \"action_input\": \"get pods --all-namespaces\"}",
                        "kubectl", "{\"command\":\"kubectl get pods --all-namespaces\"}"),
                Arguments.of("Llama 3.1: {name, parameters} JSON call",
                        "{\"name\": \"kubectl\", \"parameters\": {\"command\": \"get events -n shop\"}}",
                        "kubectl", "{\"command\":\"kubectl get events -n shop\"}"),
                Arguments.of("Llama 3.2: arguments beside the name",
                        "{\"action\": {\"name\": \"kubectl\", \"command\": \"kubectl get ns\"}}",
                        "kubectl", "{\"command\":\"kubectl get ns\"}"),
                Arguments.of("Llama: action string with the tool's parameter at the top level",
                        "{\"thought\": \"t\", \"action\": \"kubectl\", \"command\": \"get cm -n shop\"}",
                        "kubectl", "{\"command\":\"kubectl get cm -n shop\"}"),
                Arguments.of("tool name in another case",
                        "{\"action\": {\"name\": \"Kubectl\", \"input\": \"get ns\"}}",
                        "kubectl", "{\"command\":\"kubectl get ns\"}"),
                Arguments.of("object input under an undeclared name",
                        "{\"action\": {\"name\": \"kubectl\", \"input\": {\"cmd\": \"get ns\"}}}",
                        "kubectl", "{\"command\":\"kubectl get ns\"}"),
                // ---- the other tools' natural string forms
                Arguments.of("jq written as a command line", "{\"action\": {\"name\": \"jq\", \"input\": \"jq -r '.items[].metadata.name'\"}}",
                        "jq", "{\"raw\":true,\"filter\":\".items[].metadata.name\"}"),
                Arguments.of("jq as a bare expression", "{\"action\": \"jq\", \"action_input\": \".items | length\"}",
                        "jq", "{\"filter\":\".items | length\"}"),
                Arguments.of("jq object input keeps an explicit raw", "{\"action\": {\"name\": \"jq\", \"input\": {\"filter\": \"jq -r .a\", \"raw\": false}}}",
                        "jq", "{\"raw\":false,\"filter\":\".a\"}"),
                Arguments.of("trivy as a command line", "{\"action\": {\"name\": \"trivy\", \"input\": \"trivy image --severity HIGH nginx:1.25\"}}",
                        "trivy", "{\"image\":\"nginx:1.25\"}"),
                Arguments.of("trivy as an image name", "{\"action\": \"trivy\", \"action_input\": \"registry.example.com/shop/api@sha256:abc\"}",
                        "trivy", "{\"image\":\"registry.example.com/shop/api@sha256:abc\"}"),
                Arguments.of("python in a fence", "{\"action\": {\"name\": \"python\", \"input\": \"```python\\nimport sys\\nprint(len(sys.stdin.read()))\\n```\"}}",
                        "python", "{\"code\":\"import sys\\nprint(len(sys.stdin.read()))\"}"),
                Arguments.of("several required parameters: object input as is",
                        "{\"action\": {\"name\": \"k8s_events\", \"input\": {\"name\": \"web\", \"namespace\": \"shop\"}}}",
                        "k8s_events", "{\"name\":\"web\",\"namespace\":\"shop\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void actionShapesBecomeTheToolsArguments(String label, String reply, String tool, String arguments) {
        ReactStep step = ReactProtocol.parse(reply, TOOLS);
        assertThat(step).isInstanceOfSatisfying(ReactStep.Action.class, a -> {
            assertThat(a.toolName()).isEqualTo(tool);
            assertThat(a.input().toString()).isEqualTo(arguments);
        });
    }

    @Test
    void theDesignReplyRunsItsActionAndItsInventedObservationAndAnswerAreIgnored() {
        ReactStep.Action action = (ReactStep.Action) ReactProtocol.parse(DESIGN_REPLY, TOOLS);

        assertThat(action.thought()).startsWith("To count namespaces");
        assertThat(action.ignored()).containsExactly("observation", "final_answer");
        assertThat(ReactProtocol.canonical(action)).doesNotContain("5 namespaces", "observation")
                .contains("\"action\":{\"name\":\"kubectl\",\"input\":{\"command\":\"kubectl get namespaces --no-headers | wc -l\"}}");
        assertThat(ReactProtocol.observation("kubectl", "4\n", action.ignored()))
                .startsWith("Observation (kubectl):\n").contains("\"observation\" and \"final_answer\"").endsWith("\n4\n");
    }

    static Stream<Arguments> unusable() {
        return Stream.of(
                Arguments.of("a string for a tool with two required parameters",
                        "{\"action\": {\"name\": \"k8s_events\", \"input\": \"web in shop\"}}", "k8s_events", "name, namespace"),
                Arguments.of("an array input", "{\"action\": {\"name\": \"kubectl\", \"input\": [\"get\", \"ns\"]}}", "kubectl", "not array"),
                Arguments.of("a tool that is not offered", "Action: bash\nAction Input: ls /", "kubectl", "no tool named 'bash'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusable")
    void unusableShapesGetOneCorrectionQuotingTheAcceptedFormOnce(String label, String reply, String formTool, String reason) {
        ReactStep.UnusableAction bad = (ReactStep.UnusableAction) ReactProtocol.parse(reply, TOOLS);
        String form = ActionInputs.acceptedForm(TOOLS.stream().filter(t -> t.name().equals(formTool)).findFirst().orElseThrow());

        String first = ReactProtocol.correction(bad, TOOLS, true);
        assertThat(first).startsWith("Observation: your action was not run: ").contains(reason);
        assertThat(first.split(java.util.regex.Pattern.quote(form), -1)).hasSize(2);
        assertThat(ReactProtocol.correction(bad, TOOLS, false)).doesNotContain(form).contains("quoted before");
    }

    @Test
    void acceptedFormIsTheToolsOwnExample() {
        assertThat(ActionInputs.acceptedForm(TOOLS.getFirst())).isEqualTo("{\"thought\":\"why this step, briefly\",\"action\":{\"name\":"
                + "\"kubectl\",\"input\":{\"command\":\"kubectl get pods -n shop -o wide | grep -v Running\"}}}");
        assertThat(ReactProtocol.systemPrompt(TOOLS)).contains(ActionInputs.acceptedForm(TOOLS.getFirst()))
                .contains("Do not write an \"observation\" or a \"final_answer\" beside an action");
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("Qwen text ReAct final answer", "Thought: I know it now.\nFinal Answer: There are 4 namespaces.",
                        "There are 4 namespaces."),
                Arguments.of("prose naming an action is still the answer",
                        "The pod is OOMKilled.\nAction: raise the memory limit to 512Mi.", "The pod is OOMKilled.\nAction: raise the memory limit to 512Mi."),
                Arguments.of("final_answer alone", "<think>done</think>{\"thought\": \"ok\", \"final_answer\": \"4\"}", "4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void answersStayAnswers(String label, String reply, String answer) {
        assertThat(ReactProtocol.parse(reply, TOOLS)).isEqualTo(new ReactStep.FinalAnswer(answer));
    }
}
