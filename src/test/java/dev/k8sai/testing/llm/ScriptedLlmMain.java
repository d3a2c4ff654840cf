package dev.k8sai.testing.llm;

import dev.k8sai.llm.ToolCall;
import java.io.IOException;

/**
 * The scripted LLM server as a process, for shell tests that start the real {@code serve} (scripts/
 * test-deploy.sh): each argument is a kubectl command the model asks to run, one per turn, and after
 * the last the model answers {@code Result: } followed by the tool's output it was sent. Prints the
 * base URL on the first line of stdout and serves until stdin closes.
 * <p>
 * {@code java -cp target/test-classes:target/k8s-ai-agent.jar dev.k8sai.testing.llm.ScriptedLlmMain "kubectl delete pod p -n ns"}
 */
public final class ScriptedLlmMain {

    private ScriptedLlmMain() {
    }

    public static void main(String[] args) throws IOException {
        try (ScriptedLlmServer llm = ScriptedLlmServer.start()) {
            for (int i = 0; i < args.length; i++) {
                String command = args[i].replace("\\", "\\\\").replace("\"", "\\\"");
                llm.toolCalls(new ToolCall("call_" + (i + 1), "kubectl", "{\"command\": \"" + command + "\"}"));
            }
            llm.replyWith(req -> ScriptedLlmServer.Reply.text("Result: "
                    + ScriptedLlmServer.messageContents(req).getLast().strip()));
            System.out.println(llm.baseUrl());
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
