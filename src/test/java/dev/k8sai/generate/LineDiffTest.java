package dev.k8sai.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void equalTextsGiveNoDiff() {
        assertThat(LineDiff.unified("a", "x\ny\n", "b", "x\ny\n")).isEmpty();
    }

    @Test
    void changedLineWithContextAndHeaders() {
        String old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String now = "a\nb\nc\nd\nE\nf\ng\nh\n";
        assertThat(LineDiff.unified("live", old, "gen", now)).isEqualTo("""
                --- live
                +++ gen
                @@ -2,7 +2,7 @@
                 b
                 c
                 d
                -e
                +E
                 f
                 g
                 h
                """);
    }

    @Test
    void distantChangesGetSeparateHunksAndAdditionsAtTheEnd() {
        StringBuilder a = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            a.append(i).append('\n');
        }
        String b = a.toString().replaceFirst("(?m)^2$", "two") + "21\n";
        String diff = LineDiff.unified("a", a.toString(), "b", b);
        assertThat(diff.lines().filter(l -> l.startsWith("@@")).toList()).containsExactly("@@ -1,5 +1,5 @@", "@@ -18,3 +18,4 @@");
        assertThat(diff).contains("-2\n+two\n", "+21\n");
    }

    @Test
    void emptyOldSideIsAllAdditions() {
        assertThat(LineDiff.unified("a", "", "b", "x\n")).isEqualTo("--- a\n+++ b\n@@ -0,0 +1,1 @@\n+x\n");
    }
}
