package dev.k8sai.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineParserTest {

    @Test
    void splitsPipelineWithQuotedJqFilterContainingPipes() {
        ParsedCommand c = CommandLineParser.parse(
                "kubectl get pods -n x -o json | jq '.items[] | .metadata.name' | sort | uniq -c | head -5");
        assertThat(c.stages()).containsExactly(
                List.of("kubectl", "get", "pods", "-n", "x", "-o", "json"),
                List.of("jq", ".items[] | .metadata.name"),
                List.of("sort"),
                List.of("uniq", "-c"),
                List.of("head", "-5"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '§', value = {
        "kubectl get pods -l 'app=my app'§app=my app",
        "kubectl get pods -l \"app=my app\"§app=my app",
        "kubectl get pods -l app=my\\ app§app=my app",
        "kubectl get pods -l \"a\\\"b\"§a\"b",
        "kubectl get pods -l 'it'\\''s'§it's",
        "kubectl get pods -l \"back\\\\slash\"§back\\slash",
        "kubectl get pods -l \"keep\\n\"§keep\\n",
        "kubectl get pods -l 'dollar$x'§dollar$x",
        "kubectl get pods -l a\"b c\"d§ab cd",
        "kubectl get pods -l ''§''",
    })
    void quotingProducesOneArgument(String line, String expectedThird) {
        String expected = expectedThird.equals("''") ? "" : expectedThird;
        assertThat(CommandLineParser.parse(line).first()).element(4).isEqualTo(expected);
    }

    @Test
    void unquotedJsonpathBracesAndStarsStayLiteral() {
        assertThat(CommandLineParser.parse("kubectl get pods -o jsonpath={.items[*].metadata.name}").first())
                .containsExactly("kubectl", "get", "pods", "-o", "jsonpath={.items[*].metadata.name}");
    }

    @Test
    void awkDollarFieldsInSingleQuotesAreFine() {
        assertThat(CommandLineParser.parse("kubectl get pods | awk '{print $1, $3}'").stages().get(1))
                .containsExactly("awk", "{print $1, $3}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '§', value = {
        "kubectl get pods; kubectl delete ns prod§one command per tool call",
        "kubectl get pods && kubectl delete ns prod§'&&' is not supported",
        "kubectl get pods || true§'||' is not supported",
        "kubectl get pods &§background",
        "kubectl get pods 2>&1§Redirections",
        "kubectl get pods `whoami`§backticks",
        "kubectl get pods $(whoami)§$(...)",
        "kubectl get pods -n $NS§Variable expansion",
        "kubectl get pods -n ${NS}§Variable expansion",
        "kubectl get pods -n \"$NS\"§inside double quotes",
        "kubectl get pods -n \"`id`\"§backticks",
        "kubectl get pods > /tmp/x§Redirections",
        "kubectl apply -f - < /tmp/x§Redirections",
        "kubectl apply -f - <<EOF§Redirections",
        "(kubectl get pods)§Subshells",
        "kubectl get pods # comment§comments",
        "rm -rf /§must start with kubectl",
        "KUBECONFIG=/x kubectl get pods§Environment variable",
        "kubectl get pods | xargs kubectl delete pod§xargs",
        "kubectl get pods | sh§'sh' is not available",
        "kubectl get pods | kubectl delete -f -§kubectl may only be the first",
        "kubectl get pods |§ends with '|'",
        "kubectl get pods | | wc§Empty pipeline stage",
        "kubectl get 'pods§Unterminated single quote",
        "kubectl get \"pods§Unterminated double quote",
        "kubectl get pods\\§Trailing backslash",
    })
    void rejectsShellSyntaxWithHelpfulMessage(String line, String messagePart) {
        assertThatThrownBy(() -> CommandLineParser.parse(line))
                .isInstanceOf(CommandRejectedException.class)
                .hasMessageContaining(messagePart);
    }

    @Test
    void rejectsMultipleLines() {
        assertThatThrownBy(() -> CommandLineParser.parse("kubectl get pods\nkubectl delete ns x"))
                .hasMessageContaining("one command per tool call");
        assertThat(CommandLineParser.parse("kubectl get pods\n").first()).containsExactly("kubectl", "get", "pods");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void rejectsEmpty(String line) {
        assertThatThrownBy(() -> CommandLineParser.parse(line)).isInstanceOf(CommandRejectedException.class);
    }

    @Test
    void metacharactersInsideSingleQuotesAreLiteral() {
        ParsedCommand c = CommandLineParser.parse("kubectl get pods | grep -E 'a;b|c&&d>e<f`g$(h)'");
        assertThat(c.stages().get(1)).containsExactly("grep", "-E", "a;b|c&&d>e<f`g$(h)");
    }
}
