package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.cli.ProseExecute.Run;
import dev.k8sai.testing.llm.ScriptedLlmTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The model's text reaches the terminal as text: escape sequences in the answer (OSC 52 writes the
 * clipboard, CSI moves the cursor and erases lines, C1 CSI, CR overwrites a line) and in --verbose
 * lines are shown escaped, never interpreted.
 */
@dev.k8sai.testing.cluster.RealCluster
class TerminalEscapesCliTest extends ScriptedLlmTest {

    private static final String HOSTILE = "All fine.\u001b]52;c;a3ViZWN0bCBkZWxldGUgbnMgcHJvZA==\u0007\u001b[2K\u001b[1A\rInjected\u009b2J\u202eevil";


    private Run execute(String... args) throws Exception {
        Path config = tmp.resolve("config.yaml");
        Files.writeString(config, """
                defaultProfile: local
                profiles:
                  local: {type: openai-compatible, baseUrl: "%s", model: qwen}
                """.formatted(server.baseUrl()));
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return ProseExecute.run(ProseExecute.kubeconfig(tmp), Map.of("XDG_CONFIG_HOME", tmp.toString()), "", false, all);
    }

    private static void assertNoControls(String shown) {
        assertThat(shown.chars().filter(c -> c != '\n' && c != '\t' && (c < 0x20 || c >= 0x7f && c < 0xa0 || c == 0x202e)))
                .as(shown).isEmpty();
    }

    @Test
    void aStreamedAnswerIsPrintedWithItsControlCharactersEscaped() throws Exception {
        server.replyFragments("All fine.\u001b]52;c;a3ViZ", "WN0bCBkZWxldGUgbnMgcHJvZA==\u0007\u001b[2K", "\u001b[1A\rInjected\u009b2J\u202eevil");
        Run r = execute("execute", "how many pods?");
        assertThat(r.exit()).as(r.err()).isZero();
        assertNoControls(r.out());
        assertThat(r.out()).contains("All fine.\\u001b]52;c;").contains("Injected");
    }

    @Test
    void verboseLinesShowTheModelsTextEscaped() throws Exception {
        server.reply(HOSTILE);
        Run r = execute("-v", "execute", "how many pods?");
        assertThat(r.exit()).as(r.err()).isZero();
        assertNoControls(r.out());
        assertNoControls(r.err());
        assertThat(r.err()).contains("\\u001b[2K");
    }
}
