package dev.k8sai.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestExtractorTest {

    private static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\ndata:\n  a: \"1\"\n";

    private static List<String> names(Extraction e) {
        return e.documents().stream().map(ObjectNode.class::cast).map(d -> d.path("metadata").path("name").asText()).toList();
    }

    @Test
    void fencedYamlBlockWithProseAround() {
        Extraction e = ManifestExtractor.extract("Here you go:\n\n```yaml\n" + CM.formatted("one") + "```\n\nThis creates a ConfigMap.");
        assertThat(e.problems()).isEmpty();
        assertThat(names(e)).containsExactly("one");
        assertThat(e.yaml()).startsWith("apiVersion: v1").doesNotContain("Here you go");
    }

    @Test
    void ymlAndUntaggedFencesAreTakenAndOtherLanguagesIgnored() {
        String reply = "```yml\n" + CM.formatted("a") + "```\nthen run\n```bash\nkubectl apply -f x.yaml\n```\n```\n"
                + CM.formatted("b") + "```";
        Extraction e = ManifestExtractor.extract(reply);
        assertThat(e.problems()).isEmpty();
        assertThat(names(e)).containsExactly("a", "b");
        assertThat(e.yaml()).doesNotContain("kubectl apply");
    }

    @Test
    void thinkBlocksAreStrippedIncludingUnterminatedOnes() {
        String reply = "<think>maybe ```yaml\nkind: Nope\n``` no</think>\n```yaml\n" + CM.formatted("kept") + "```\n<think>trailing thoughts ```yaml\nkind: X";
        Extraction e = ManifestExtractor.extract(reply);
        assertThat(e.problems()).isEmpty();
        assertThat(names(e)).containsExactly("kept");
    }

    @Test
    void multiDocumentYamlAndEmptyDocuments() {
        Extraction e = ManifestExtractor.extract("```yaml\n---\n" + CM.formatted("x") + "---\n---\n" + CM.formatted("y") + "```");
        assertThat(e.problems()).isEmpty();
        assertThat(names(e)).containsExactly("x", "y");
    }

    @Test
    void listKindIsFlattened() {
        String list = """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: l1}
                - apiVersion: v1
                  kind: ServiceList
                  items:
                  - apiVersion: v1
                    kind: Service
                    metadata: {name: l2}
                """;
        Extraction e = ManifestExtractor.extract("```yaml\n" + list + "```");
        assertThat(names(e)).containsExactly("l1", "l2");
    }

    @Test
    void unfencedReplyIsTakenWhenItIsAManifest() {
        Extraction e = ManifestExtractor.extract(CM.formatted("bare"));
        assertThat(e.problems()).isEmpty();
        assertThat(names(e)).containsExactly("bare");
    }

    @Test
    void proseWithoutYamlIsAProblem() {
        Extraction e = ManifestExtractor.extract("Sorry, I cannot help with that.");
        assertThat(e.documents()).isEmpty();
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("no YAML manifest found"));
    }

    @Test
    void parseErrorsGiveTheLine() {
        String broken = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: [unclosed\n";
        Extraction e = ManifestExtractor.extract("```yaml\n" + broken + "```");
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.layer()).isEqualTo(ManifestProblem.Layer.PARSE);
            assertThat(p.message()).containsPattern("YAML parse error at line [45]");
        });
    }

    @Test
    void blocksAreNumberedInProblemsWhenThereAreSeveral() {
        Extraction e = ManifestExtractor.extract("```yaml\n" + CM.formatted("ok") + "```\n```yaml\na: [\n```");
        assertThat(names(e)).containsExactly("ok");
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.object()).isEqualTo("YAML block 2"));
    }

    @Test
    void danglingClosingThinkTagDropsTheReasoningBeforeIt() {
        // the tag handling itself is dev.k8sai.llm.output.ThinkBlocks'; here: reasoning never reaches the YAML
        Extraction e = ManifestExtractor.extract("```yaml\nkind: Oops\n```</think>\n```yaml\n" + CM.formatted("ok") + "```");
        assertThat(names(e)).containsExactly("ok");
        assertThat(e.problems()).isEmpty();
        assertThat(ManifestExtractor.extract("<THINK>```yaml\nkind: Oops\n```</THINK>```yaml\n" + CM.formatted("ok")
                + "```\n<think>```yaml\nkind: Oops\n").documents()).hasSize(1);
    }
}
