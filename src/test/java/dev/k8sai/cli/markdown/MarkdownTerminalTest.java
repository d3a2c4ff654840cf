package dev.k8sai.cli.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTerminalTest {

    private static final String ESC = "\u001b";

    @Test
    void tableIsLaidOutInAlignedColumnsWithoutTheMarkdownPipes() {
        String out = new MarkdownTerminal(false).render("""
                | Pod | Memory limit |
                |-----|-------------:|
                | cart-7d9f | 256Mi |
                | web | 1Gi |
                """);
        assertThat(out.lines().toList()).containsExactly(
                "Pod       │ Memory limit",
                "──────────┼─────────────",
                "cart-7d9f │        256Mi",
                "web       │          1Gi");
    }

    @Test
    void headingsBoldListsCodeGetTerminalStyles() {
        String out = new MarkdownTerminal(true).render("""
                # Cause
                The pod is **OOMKilled** and `kubectl top` shows *why*.

                - raise the limit
                - check leaks

                1. first
                2. second

                ```yaml
                resources:
                  limits: {memory: 512Mi}
                ```
                """);
        assertThat(out).contains(ESC + "[4m" + ESC + "[1mCause" + ESC + "[22m" + ESC + "[24m")
                .contains(ESC + "[1mOOMKilled" + ESC + "[22m")
                .contains(ESC + "[36mkubectl top" + ESC + "[39m")
                .contains(ESC + "[3mwhy" + ESC + "[23m")
                .contains("• raise the limit\n• check leaks")
                .contains("1. first\n2. second")
                .contains("    " + ESC + "[36m  limits: {memory: 512Mi}" + ESC + "[39m")
                .doesNotContain("**").doesNotContain("```").doesNotContain("# Cause");
    }

    @Test
    void withoutColourTheLayoutStaysAndNoEscapeIsWritten() {
        String out = new MarkdownTerminal(false).render("## Fix\n\n> quoted **note**\n\n3. three\n4. four\n\n---\n");
        assertThat(out).doesNotContain(ESC)
                .contains("Fix\n---")
                .contains("│ quoted note")
                .contains("3. three\n4. four")
                .contains("────");
    }

    @Test
    void controlSequencesFromTheModelAreShownNeverSent() {
        String hostile = "Done " + ESC + "]52;c;ZXZpbA==" + "\u0007 and " + ESC + "[2J\n\n| a |\n|---|\n| " + ESC + "[31mred |\n\n```\n"
                + ESC + "[1Aup\n```\n";
        for (boolean color : new boolean[] {true, false}) {
            String out = new MarkdownTerminal(color).render(hostile);
            // Only our own SGR codes may carry ESC; the model's become visible \u001b text.
            assertThat(out.replaceAll(ESC + "\\[[0-9;]*m", "")).doesNotContain(ESC).doesNotContain("\u0007");
            assertThat(out).contains("\\u001b]52;c;ZXZpbA==").contains("\\u001b[31mred").contains("\\u001b[1Aup");
        }
    }

    @Test
    void nestedListsAndLinksKeepTheirStructure() {
        String out = new MarkdownTerminal(false).render("- outer\n  - inner\n- see [docs](https://k8s.io/docs)\n");
        assertThat(out.lines().toList()).containsExactly("• outer", "  • inner", "• see docs (https://k8s.io/docs)");
    }

    @Test
    void streamRendersEachBlockWhenItEndsAndKeepsFencesWhole() {
        List<String> written = new ArrayList<>();
        MarkdownStream stream = new MarkdownStream(new MarkdownTerminal(false), written::add);
        stream.accept("| a | b |\n|---|");
        stream.accept("---|\n| 1 | 2 |\n");
        assertThat(written).isEmpty(); // the table may still grow
        stream.accept("\nNext para");
        assertThat(written).containsExactly("a │ b\n──┼──\n1 │ 2\n");
        stream.accept("graph.\n\n```\nline one\n\nline two\n```\n");
        assertThat(written).hasSize(2); // the paragraph ended; the blank line inside the fence is no boundary
        stream.accept("\n- item\n\n  continued\n");
        stream.finish();
        assertThat(written.get(1)).isEqualTo("\nNext paragraph.\n");
        assertThat(String.join("", written)).contains("    line one\n    \n    line two").contains("• item\n\n  continued");
    }
}
