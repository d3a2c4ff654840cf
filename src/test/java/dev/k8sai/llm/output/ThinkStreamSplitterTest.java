package dev.k8sai.llm.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThinkStreamSplitterTest {

    private static String[] run(int chunkSize, String text) {
        StringBuilder thinking = new StringBuilder();
        StringBuilder visible = new StringBuilder();
        ThinkStreamSplitter s = new ThinkStreamSplitter(thinking::append, visible::append);
        for (int i = 0; i < text.length(); i += chunkSize) {
            s.accept(text.substring(i, Math.min(text.length(), i + chunkSize)));
        }
        ThinkBlocks.Split split = s.finish();
        return new String[] {thinking.toString(), visible.toString(), split.thinking(), split.visible()};
    }

    @Test
    void routesThinkingWhateverTheChunkBoundaries() {
        String text = "<think>plan: check pods</think>The pod <b>api</b> is crash-looping.<thinking>more</thinking> Done.";
        for (int size = 1; size <= text.length(); size++) {
            String[] r = run(size, text);
            assertThat(r[0]).as("chunk size %d", size).isEqualTo("plan: check podsmore");
            assertThat(r[1]).as("chunk size %d", size).isEqualTo("The pod <b>api</b> is crash-looping. Done.");
        }
    }

    @Test
    void unterminatedThinkingStaysThinking() {
        String[] r = run(3, "Hi <think>cut off mid-thought");
        assertThat(r[0]).isEqualTo("cut off mid-thought");
        assertThat(r[1]).isEqualTo("Hi ");
    }

    @Test
    void finishGivesTheExactSplitEvenForTheStrayCloseTag() {
        String[] r = run(4, "reasoning first\n</think>\nAnswer.");
        assertThat(r[2]).isEqualTo("reasoning first");
        assertThat(r[3]).isEqualTo("Answer.");
        assertThat(r[1]).doesNotContain("</think>");
    }

    @Test
    void plainTextPassesThrough() {
        String[] r = run(5, "No tags < here > at all <");
        assertThat(r[0]).isEmpty();
        assertThat(r[1]).isEqualTo("No tags < here > at all <");
    }
}
