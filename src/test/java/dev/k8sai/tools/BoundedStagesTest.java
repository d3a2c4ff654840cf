package dev.k8sai.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sai.tools.TextStage.StageException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 10, class 6: the model's jq programs and regexes cannot crash or hang a run. */
class BoundedStagesTest {

    private static final String PODS = "{\"items\":[{\"metadata\":{\"name\":\"a\"}},{\"metadata\":{\"name\":\"b\"}}]}";

    private static String run(List<String> argv, String input) {
        return Stages.create(argv).apply(input);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "def f: f; f", "until(false; .)", "reduce range(1e15) as $x (0; .+1)", "last(range(1e15))",
            "[range(1e9)] | length", "def f: [f]; f", "repeat(.)", "[recurse(. + 1)] | length", "def f(x): f(x + 1); f(0)",
            "try (reduce range(1e15) as $x (0; .+1)) catch \"caught\"", "[limit(1e12; repeat(1))] | length",
            "reduce ([range(40)] | combinations(8)) as $c (0; . + 1)", "[.[]?, .[]?, .[]?] as $x | [range(1e12)] | length",
            "def f: ., f; f", "def f: def g: f; g; f", "[range(1e9)]", "range(1e9)", "[limit(1e9; repeat(1))]",
            "\"x\" * 1e10"})
    void hostileJqEndsWithinItsDeadlineWithOneLine(String filter) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> run(List.of("jq", filter), PODS))
                .isInstanceOf(StageException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("jq: ").doesNotContain("\n").hasSizeLessThan(200));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(JqLimits.DEADLINE.plusSeconds(3));
        // the stage still works afterwards
        assertThat(run(List.of("jq", "-r", ".items[].metadata.name"), PODS)).isEqualTo("a\nb\n");
    }

    @Test
    void jqCannotReadTheProcessEnvironment() {
        for (String filter : List.of("env", "$ENV", "$ENV.PATH", "env.PATH")) {
            String out;
            try {
                out = run(List.of("jq", "-c", filter), "{}");
            } catch (StageException e) {
                out = e.getMessage();
            }
            assertThat(out).doesNotContain(System.getenv("PATH"));
        }
    }

    @Test
    void catastrophicRegexesRunInLinearTime() {
        String longLine = "a".repeat(20_000) + "\n" + "x".repeat(50_000) + "a\n";
        long start = System.nanoTime();
        assertThat(run(List.of("grep", "-E", "(.*a){25}b"), longLine)).isEmpty();
        assertThat(run(List.of("grep", "-c", "\\(a*\\)*b"), longLine)).isEqualTo("0\n");
        assertThat(run(List.of("awk", "/(a|aa)*c/ {print NR}"), longLine)).isEmpty();
        assertThat(run(List.of("awk", "-F", "(x+x+)+y", "{print NF}"), longLine)).isEqualTo("1\n1\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void regexFeaturesRe2LacksAreRefusedWithOneLine() {
        assertThatThrownBy(() -> Stages.create(List.of("grep", "-E", "(a)\\1")))
                .isInstanceOf(CommandRejectedException.class).hasMessageStartingWith("grep: invalid pattern");
        assertThatThrownBy(() -> Stages.create(List.of("awk", "/a(?=b)/ {print}")))
                .isInstanceOf(CommandRejectedException.class).hasMessageStartingWith("awk: invalid regular expression");
    }

    @Test
    void grepWordMatchStillWorks() {
        assertThat(run(List.of("grep", "-w", "web"), "web-1 Running\nwebapp\nweb\n")).isEqualTo("web-1 Running\nweb\n");
    }
}
