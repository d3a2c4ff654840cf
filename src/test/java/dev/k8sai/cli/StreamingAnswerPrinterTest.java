package dev.k8sai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamingAnswerPrinterTest {

    private static String print(List<String> fragments, boolean show, boolean color) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        StreamingAnswerPrinter p = new StreamingAnswerPrinter(new java.io.PrintWriter(new java.io.OutputStreamWriter(buf, StandardCharsets.UTF_8), true), show, color);
        fragments.forEach(p);
        p.finish();
        return buf.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 100})
    void thinkBlocksAreHiddenWhateverTheChunking(int size) {
        String reply = "<think>The pod is crashing because x < y.</think>\n\nThe pod crashes: fix the <b>env</b>.";
        List<String> chunks = new java.util.ArrayList<>();
        for (int i = 0; i < reply.length(); i += size) {
            chunks.add(reply.substring(i, Math.min(reply.length(), i + size)));
        }
        assertThat(print(chunks, false, false)).isEqualTo("The pod crashes: fix the <b>env</b>.\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 100})
    void showThinkingPrintsItDimmed(int size) {
        String reply = "<think>hmm</think>Answer";
        List<String> chunks = new java.util.ArrayList<>();
        for (int i = 0; i < reply.length(); i += size) {
            chunks.add(reply.substring(i, Math.min(reply.length(), i + size)));
        }
        assertThat(print(chunks, true, true)).isEqualTo("\u001b[2mhmm\u001b[0mAnswer\n");
        assertThat(print(chunks, true, false)).isEqualTo("hmmAnswer\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<think>cut off while thinking", "a < b and c <thi"})
    void unterminatedOrPartialTags(String reply) {
        String printed = print(List.of(reply), false, false);
        if (reply.startsWith("<think>")) {
            assertThat(printed).isEmpty();
        } else {
            assertThat(printed).isEqualTo("a < b and c <thi\n");
        }
    }
}
