package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.ExitCodes;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.testing.llm.ScriptedLlmServer;
import dev.k8sai.testing.llm.ScriptedLlmTest;
import dev.k8sai.testing.llm.ScriptedLlmServer.Reply;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Issue 18, chat: banner, Ctrl-D, slash commands, and a conversation that survives --resume (stdin-driven). */
@RealCluster
class ChatSessionClusterTest extends ScriptedLlmTest {

    record Run(int exit, String out, String err) { }


    private Run chat(TestCluster cluster, String ns, String stdin, String... args) {
        CommandLine cl = Main.newCommandLine();
        ChatCommand chat = (ChatCommand) cl.getSubcommands().get("chat").getCommand();
        chat.env = Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test-secret-key",
                "K8S_AI_AGENT_KUBECTL", cluster.kubectlBinary().toString(), "XDG_CONFIG_HOME", tmp.resolve("config").toString(),
                "XDG_STATE_HOME", tmp.resolve("state").toString());
        chat.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        chat.confirmer = q -> false;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> all = new java.util.ArrayList<>(List.of("--kubeconfig", cluster.kubeconfig().toString(), "-n", ns, "chat"));
        all.addAll(List.of(args));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    private static String savedName(String err) {
        Matcher m = Pattern.compile("Saved as (\\S+) \\(continue later: k8s-ai-agent chat --resume \\1\\)").matcher(err);
        assertThat(m.find()).as(err).isTrue();
        return m.group(1);
    }

    @Test
    void bannerCommandsAndCtrlD(TestCluster cluster, TestNamespace ns) {
        server.enqueue(Reply.text("There are no pods.").withUsage(100, 20));
        Run r = chat(cluster, ns.name(), "how many pods?\n/tokens\n/namespace kube-system\n/model gpt-4o\n/bogus\n/model\n");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).contains("k8s-ai-agent chat · context ").contains(" · namespace " + ns.name() + " · model ")
                .contains("exit, quit or Ctrl-D leaves")
                .contains("this conversation: tokens in/out: 100/20, round trips: 1")
                .contains("namespace: kube-system")
                .containsPattern("model: \\S*gpt-4o")
                .contains("unknown command /bogus; /help lists them")
                .contains("usage: /model NAME");
        // end of input (Ctrl-D) leaves the shell's prompt on a fresh line
        assertThat(r.out()).contains("There are no pods.").endsWith("> \n");
    }

    @Test
    void conversationAndTokensSurviveResumeInAnOwnerOnlyFile(TestCluster cluster, TestNamespace ns) throws Exception {
        server.enqueue(Reply.text("Three pods: cart, web, db.").withUsage(100, 20));
        Run first = chat(cluster, ns.name(), "which pods are there?\n/namespace kube-system\n");
        assertThat(first.exit()).as(first.err()).isZero();
        String name = savedName(first.err());

        Path file = tmp.resolve("state/k8s-ai-agent/chats/" + name + ".json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        String saved = Files.readString(file);
        assertThat(saved).contains("which pods are there?").contains("Three pods: cart, web, db.").doesNotContain("sk-test-secret-key");

        server.enqueue(Reply.text("You asked which pods there are.").withUsage(150, 10));
        Run second = chat(cluster, ns.name(), "what did I ask?\n/tokens\n", "--resume", name);

        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.err()).contains("Resumed " + name + ": 2 messages, tokens in/out: 100/20")
                .contains("this conversation: tokens in/out: 250/30, round trips: 2")
                .contains("Saved as " + name + " ");
        List<String> sent = ScriptedLlmServer.messageContents(server.chatRequests().getLast());
        assertThat(sent).contains("which pods are there?", "Three pods: cart, web, db.", "what did I ask?");
        // -n on the command line wins over the namespace the chat was saved in
        assertThat(second.err()).contains(" · namespace " + ns.name() + " · ");

        Run unknown = chat(cluster, ns.name(), "", "--resume", "nope");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err().strip()).startsWith("k8s-ai-agent").contains("no saved chat named nope").doesNotContain("Exception");
    }

    @Test
    void resetForgetsTheConversation(TestCluster cluster, TestNamespace ns) {
        server.enqueue(Reply.text("First answer."));
        server.enqueue(Reply.text("Second answer."));
        Run r = chat(cluster, ns.name(), "first question\n/reset\nsecond question\n");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("conversation cleared");
        List<String> sent = ScriptedLlmServer.messageContents(server.chatRequests().getLast());
        assertThat(sent).contains("second question").doesNotContain("first question", "First answer.");
    }
}
