package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.testing.llm.ScriptedLlmServer;
import dev.k8sai.testing.llm.ScriptedLlmServer.Reply;
import dev.k8sai.testing.terminal.TmuxTerminal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: a person waiting on --explain sees progress on stderr, in a real terminal (tmux), even
 * with stdout redirected to a file, and the line is gone once the report is written.
 */
class TerminalProgressTest {

    @TempDir
    Path tmp;

    @Test
    void explainShowsWhichBatchIsWithTheModelWhileStdoutGoesToAFile() throws Exception {
        Path shop = Path.of("examples/broken-shop.yaml").toAbsolutePath();
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            // Every batch takes the "model" three seconds: long enough to be seen, as a slow provider would be.
            for (int i = 0; i < 6; i++) {
                server.enqueue(new Reply.Slow(Duration.ofSeconds(3), Reply.text("1. The image tag does not exist; fix the tag.")));
            }
            Map<String, String> env = Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test",
                    "XDG_CONFIG_HOME", tmp.resolve("config").toString(), "XDG_CACHE_HOME", tmp.resolve("cache").toString());
            try (TmuxTerminal terminal = TmuxTerminal.start(tmp, env,
                    TmuxTerminal.cli("analyze", "-f", shop.toString(), "--explain") + " > report.txt")) {
                String during = terminal.waitFor(s -> s.contains("explaining findings: batch 1 of "), Duration.ofSeconds(90),
                        "the spinner's batch line");
                assertThat(during).containsPattern("[|/\\\\-] explaining findings: batch 1 of \\d+");
                String after = terminal.waitFor(s -> s.contains("[exit "), Duration.ofSeconds(120), "the end of analyze");
                assertThat(after).contains("[exit 1]").doesNotContain("explaining findings");
                assertThat(server.chatRequests()).isNotEmpty();
            }
            String report = Files.readString(tmp.resolve("report.txt"));
            assertThat(report).contains("The image tag does not exist").doesNotContain("explaining findings").doesNotContain("\r");
        }
    }
}
