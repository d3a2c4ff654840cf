package dev.k8sai.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StagesTest {

    static final String PODS = """
            NAME                     READY   STATUS             RESTARTS   AGE
            web-7d4b9c8f6-abcde      1/1     Running            0          5d
            web-7d4b9c8f6-fghij      0/1     CrashLoopBackOff   12         5d
            db-0                     1/1     Running            1          9d
            worker-5f6d7-klmno       0/1     Pending            0          1h
            """;

    static final String PODS_JSON = """
            {"apiVersion":"v1","kind":"List","items":[
              {"kind":"Pod","metadata":{"name":"a","namespace":"x"},"status":{"phase":"Running"}},
              {"kind":"Pod","metadata":{"name":"b","namespace":"x"},"status":{"phase":"Pending"}},
              {"kind":"Pod","metadata":{"name":"c","namespace":"x"},"status":{"phase":"Running"}}]}
            """;

    private static String run(String pipeline, String input) {
        ParsedCommand c = CommandLineParser.parse("kubectl get x | " + pipeline);
        String text = input;
        for (List<String> stage : c.stages().subList(1, c.stages().size())) {
            text = Stages.create(stage).apply(text);
        }
        return text;
    }

    // ---- jq

    @Test
    void jqRawNames() {
        assertThat(run("jq -r '.items[].metadata.name'", PODS_JSON)).isEqualTo("a\nb\nc\n");
    }

    @Test
    void jqSelectAndCompactOutput() {
        assertThat(run("jq -c '.items[] | select(.status.phase==\"Pending\") | {n: .metadata.name}'", PODS_JSON))
                .isEqualTo("{\"n\":\"b\"}\n");
    }

    @Test
    void jqPrettyPrintsLikeJq() {
        assertThat(run("jq '.items[0].metadata'", PODS_JSON)).isEqualTo("{\n  \"name\": \"a\",\n  \"namespace\": \"x\"\n}\n");
    }

    @Test
    void jqQuotedStringsWithoutRaw() {
        assertThat(run("jq '.items[].metadata.name'", PODS_JSON)).isEqualTo("\"a\"\n\"b\"\n\"c\"\n");
    }

    @Test
    void jqSlurpCombinesStream() {
        assertThat(run("jq -c '.items[]' | jq -s 'length'", PODS_JSON)).isEqualTo("3\n");
    }

    @Test
    void jqBuiltinsWork() {
        assertThat(run("jq -r '[.items[].status.phase] | group_by(.) | map(\"\\(.[0])=\\(length)\") | join(\",\")'", PODS_JSON))
                .isEqualTo("Pending=1,Running=2\n");
    }

    @Test
    void jqOnTableOutputTellsToUseJson() {
        assertThatThrownBy(() -> run("jq '.items'", PODS))
                .isInstanceOf(TextStage.StageException.class)
                .hasMessageContaining("add -o json");
    }

    @Test
    void jqOnCutOffJsonMentionsLimit() {
        assertThatThrownBy(() -> run("jq '.items'", PODS_JSON.substring(0, 60)))
                .hasMessageContaining("cut off");
    }

    @Test
    void jqBadFilterIsRejectedBeforeRunning() {
        assertThatThrownBy(() -> Stages.create(List.of("jq", ".items[")))
                .isInstanceOf(CommandRejectedException.class)
                .hasMessageContaining("cannot compile");
    }

    @Test
    void jqRuntimeErrorIsStageError() {
        assertThatThrownBy(() -> run("jq '.items[0].metadata.name | keys'", PODS_JSON))
                .isInstanceOf(TextStage.StageException.class)
                .hasMessageStartingWith("jq: error");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jq -e .", "jq --arg x y .", "jq . file.json"})
    void jqUnsupportedArguments(String p) {
        assertThatThrownBy(() -> run(p, PODS_JSON)).isInstanceOf(CommandRejectedException.class);
    }

    // ---- grep

    @Test
    void grepVariants() {
        assertThat(run("grep CrashLoop", PODS)).startsWith("web-7d4b9c8f6-fghij").hasLineCount(1);
        assertThat(run("grep -v Running", PODS)).hasLineCount(3);
        assertThat(run("grep -c Running", PODS)).isEqualTo("2\n");
        assertThat(run("grep -i crashloop", PODS)).hasLineCount(1);
        assertThat(run("grep -E 'Pending|CrashLoop'", PODS)).hasLineCount(2);
        assertThat(run("grep 'Pending\\|CrashLoop'", PODS)).hasLineCount(2); // BRE alternation
        assertThat(run("grep 'Pending|CrashLoop'", PODS)).isEmpty(); // BRE: '|' is literal
        assertThat(run("grep -F '1/1'", PODS)).hasLineCount(2);
        assertThat(run("grep -F 'a.c'", "abc\na.c\n")).isEqualTo("a.c\n");
        assertThat(run("grep -w db", "db-0\ndb\nadb\n")).isEqualTo("db-0\ndb\n");
        assertThat(run("grep -o 'web-[a-z0-9]*'", PODS)).isEqualTo("web-7d4b9c8f6\nweb-7d4b9c8f6\n");
        assertThat(run("grep -n Pending", PODS)).startsWith("5:worker");
        assertThat(run("grep -vc Running", PODS)).isEqualTo("3\n");
        assertThat(run("grep -e Pending -e db", PODS)).hasLineCount(2);
    }

    @Test
    void grepContext() {
        String in = "a\nb\nMATCH1\nc\nd\ne\nf\nMATCH2\ng\n";
        assertThat(run("grep -A1 MATCH", in)).isEqualTo("MATCH1\nc\n--\nMATCH2\ng\n");
        assertThat(run("grep -B 2 MATCH2", in)).isEqualTo("e\nf\nMATCH2\n");
        assertThat(run("grep -C1 MATCH", in)).isEqualTo("b\nMATCH1\nc\n--\nf\nMATCH2\ng\n");
        assertThat(run("grep -A 10 Events", "Name: x\nEvents:\n  Warning BackOff\n")).isEqualTo("Events:\n  Warning BackOff\n");
        assertThat(run("grep -n -A1 MATCH1", in)).isEqualTo("3:MATCH1\n4-c\n");
        assertThat(run("grep -C3 MATCH", in)).isEqualTo(in); // overlapping groups merge without a separator
    }

    @Test
    void grepRejectsUnknownFlagAndBadRegex() {
        assertThatThrownBy(() -> run("grep --color x", PODS)).hasMessageContaining("Supported: grep");
        assertThatThrownBy(() -> run("grep -E '('", PODS)).hasMessageContaining("invalid pattern");
    }

    // ---- wc, head, tail

    @Test
    void wcCounts() {
        assertThat(run("wc -l", PODS)).isEqualTo("5\n");
        assertThat(run("wc -w", "a b\nc\n")).isEqualTo("3\n");
        assertThat(run("wc -c", "héllo\n")).isEqualTo("7\n");
        assertThat(run("wc", "a b\nc\n")).isEqualTo("2 3 6\n");
        assertThat(run("wc -l", "")).isEqualTo("0\n");
    }

    @Test
    void headAndTail() {
        String in = "1\n2\n3\n4\n5\n";
        assertThat(run("head -n 2", in)).isEqualTo("1\n2\n");
        assertThat(run("head -2", in)).isEqualTo("1\n2\n");
        assertThat(run("head", in)).isEqualTo(in);
        assertThat(run("tail -n 2", in)).isEqualTo("4\n5\n");
        assertThat(run("tail -1", in)).isEqualTo("5\n");
        assertThat(run("tail -n +2", in)).isEqualTo("2\n3\n4\n5\n");
        assertThatThrownBy(() -> run("head -c 5", in)).isInstanceOf(CommandRejectedException.class);
        assertThatThrownBy(() -> run("tail -n x", in)).hasMessageContaining("not a valid count");
    }

    // ---- sort, uniq

    @Test
    void sortVariants() {
        assertThat(run("sort", "b\na\nc\n")).isEqualTo("a\nb\nc\n");
        assertThat(run("sort -r", "b\na\nc\n")).isEqualTo("c\nb\na\n");
        assertThat(run("sort -n", "10\n9\n100\n")).isEqualTo("9\n10\n100\n");
        assertThat(run("sort", "10\n9\n100\n")).isEqualTo("10\n100\n9\n");
        assertThat(run("sort -u", "b\na\nb\n")).isEqualTo("a\nb\n");
        assertThat(run("sort -k2 -n", "x 3\ny 1\nz 2\n")).isEqualTo("y 1\nz 2\nx 3\n");
        assertThat(run("sort -k 2 -rn", "x 3\ny 1\nz 2\n")).isEqualTo("x 3\nz 2\ny 1\n");
        assertThat(run("sort -t: -k2,2n", "a:3:z\nb:1:y\nc:2:x\n")).isEqualTo("b:1:y\nc:2:x\na:3:z\n");
        assertThat(run("sort -k3 -h", "a x 1Gi\nb x 512Mi\nc x 2Ki\n")).isEqualTo("c x 2Ki\nb x 512Mi\na x 1Gi\n");
        assertThat(run("sort -k2 -h", "a 250m\nb 1\nc 100m\n")).isEqualTo("c 100m\na 250m\nb 1\n");
    }

    @Test
    void sortPodsByRestarts() {
        assertThat(run("awk 'NR>1' | sort -k4 -nr | head -1", PODS)).startsWith("web-7d4b9c8f6-fghij");
    }

    @Test
    void uniqCounts() {
        assertThat(run("sort | uniq -c", "b\na\nb\n")).isEqualTo("      1 a\n      2 b\n");
        assertThat(run("uniq", "a\na\nb\na\n")).isEqualTo("a\nb\na\n");
    }

    // ---- cut, awk, tr, column

    @Test
    void cutFields() {
        assertThat(run("cut -d: -f2", "a:b:c\nd:e:f\n")).isEqualTo("b\ne\n");
        assertThat(run("cut -d , -f 1,3", "a,b,c\n")).isEqualTo("a,c\n");
        assertThat(run("cut -d/ -f2-", "a/b/c\nnodelim\n")).isEqualTo("b/c\nnodelim\n");
        assertThatThrownBy(() -> run("cut -c1-3", "x")).isInstanceOf(CommandRejectedException.class);
    }

    @Test
    void awkSimpleForms() {
        assertThat(run("awk '{print $1}'", PODS)).startsWith("NAME\nweb-7d4b9c8f6-abcde\n");
        assertThat(run("awk 'NR>1 {print $1, $3}'", PODS)).startsWith("web-7d4b9c8f6-abcde Running\n");
        assertThat(run("awk '{print $NF}'", "a b c\nd e\n")).isEqualTo("c\ne\n");
        assertThat(run("awk -F: '{print $2}'", "a:b\nc:d\n")).isEqualTo("b\nd\n");
        assertThat(run("awk -F : '{print $2}'", "a:b\n")).isEqualTo("b\n");
        assertThat(run("awk 'NR>1'", "h\nx\n")).isEqualTo("x\n");
        assertThat(run("awk '/Crash/ {print $1}'", PODS)).isEqualTo("web-7d4b9c8f6-fghij\n");
        assertThat(run("awk '$3 != \"Running\" {print $1}'", PODS)).isEqualTo("NAME\nweb-7d4b9c8f6-fghij\nworker-5f6d7-klmno\n");
        assertThat(run("awk '$3 ~ /^Run/ {print $1}'", PODS)).hasLineCount(2);
        assertThat(run("awk '{print $1 \"/\" $2}'", "a b\n")).isEqualTo("a/b\n");
        assertThat(run("awk '{print NR, $0}'", "x\ny\n")).isEqualTo("1 x\n2 y\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"awk '{sum += $4} END {print sum}'", "awk 'BEGIN {x=1}'", "awk '{system(\"id\")}'", "awk -f prog.awk"})
    void awkRefusesPrograms(String p) {
        assertThatThrownBy(() -> run(p, PODS))
                .isInstanceOf(CommandRejectedException.class)
                .hasMessageContaining("Supported: awk");
    }

    @Test
    void trVariants() {
        assertThat(run("tr a-z A-Z", "abc\n")).isEqualTo("ABC\n");
        assertThat(run("tr '[:lower:]' '[:upper:]'", "abc\n")).isEqualTo("ABC\n");
        assertThat(run("tr -d '\\n'", "a\nb\n")).isEqualTo("ab");
        assertThat(run("tr -s ' '", "a   b  c\n")).isEqualTo("a b c\n");
        assertThat(run("tr ' ' '\\n'", "a b\n")).isEqualTo("a\nb\n");
        assertThat(run("tr -s ' ' '\\t'", "a   b\n")).isEqualTo("a\tb\n");
    }

    @Test
    void columnAligns() {
        assertThat(run("column -t", "a bb c\nddd e f\n")).isEqualTo("a    bb  c\nddd  e   f\n");
        assertThat(run("column -t -s ,", "a,bb\nccc,d\n")).isEqualTo("a    bb\nccc  d\n");
        assertThatThrownBy(() -> run("column", "x")).isInstanceOf(CommandRejectedException.class);
    }
}
