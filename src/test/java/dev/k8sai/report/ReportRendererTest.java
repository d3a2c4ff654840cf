package dev.k8sai.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.k8sai.AgentException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportRendererTest {

    static final Finding CRASH = new Finding("pod", "Pod", "shop", "payments-7c9d-x2x", Severity.CRITICAL, "CrashLoopBackOff",
            "container app restarted 12 times; last exit code 1 (Error)", "Deployment/shop/payments",
            List.of("event BackOff x31: Back-off restarting failed container"), null);
    static final Finding NODE = Finding.of("node", "Node", null, "worker-1", Severity.INFO, "NodeCordoned",
            "node worker-1 is cordoned");
    static final Finding SVC = Finding.of("service", "Service", "shop", "checkout", Severity.WARNING, "TargetPortNotFound",
            "no pod declares port http");
    static final FindingsReport REPORT = FindingsReport.of("kind-dev", List.of(NODE, SVC, CRASH));

    private static String render(ReportRenderer r, FindingsReport report) {
        StringWriter sw = new StringWriter();
        r.render(report, new PrintWriter(sw));
        return sw.toString();
    }

    @Test
    void jsonIsExactlyTheSpecShape() throws Exception {
        String json = render(ReportRenderer.forFormat("json", false), FindingsReport.of("kind-dev", List.of(CRASH)));
        assertThat(json).isEqualTo("""
                {
                  "source": "kind-dev",
                  "findings": [
                    {
                      "analyzer": "pod",
                      "kind": "Pod",
                      "namespace": "shop",
                      "name": "payments-7c9d-x2x",
                      "severity": "critical",
                      "reason": "CrashLoopBackOff",
                      "message": "container app restarted 12 times; last exit code 1 (Error)",
                      "parent": "Deployment/shop/payments",
                      "evidence": [
                        "event BackOff x31: Back-off restarting failed container"
                      ],
                      "explanation": null
                    }
                  ],
                  "summary": {
                    "critical": 1,
                    "warning": 0,
                    "info": 0
                  }
                }
                """);
    }

    @Test
    void jsonKeepsNullNamespaceParentAndExplanationAndFieldOrder() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(render(StructuredReportRenderer.JSON, REPORT));
        assertThat(fieldNames(doc)).containsExactly("source", "findings", "summary");
        JsonNode node = doc.get("findings").get(2);
        assertThat(fieldNames(node)).containsExactly("analyzer", "kind", "namespace", "name", "severity", "reason",
                "message", "parent", "evidence", "explanation");
        assertThat(node.get("namespace").isNull()).isTrue();
        assertThat(node.get("parent").isNull()).isTrue();
        assertThat(node.get("explanation").isNull()).isTrue();
        assertThat(node.get("evidence").isArray()).isTrue();
        assertThat(doc.get("findings")).extracting(f -> f.get("severity").asText())
                .containsExactly("critical", "warning", "info");
        assertThat(doc.get("summary").toString()).isEqualTo("{\"critical\":1,\"warning\":1,\"info\":1}");
    }

    @Test
    void yamlCarriesTheSameDocument() throws Exception {
        String yaml = render(StructuredReportRenderer.YAML, REPORT);
        assertThat(yaml).startsWith("source: kind-dev\nfindings:\n");
        assertThat(yaml).contains("  namespace: null\n").contains("  explanation: null\n");
        JsonNode fromYaml = new YAMLMapper().readTree(yaml);
        JsonNode fromJson = new ObjectMapper().readTree(render(StructuredReportRenderer.JSON, REPORT));
        assertThat(fromYaml).isEqualTo(fromJson);
    }

    @Test
    void emptyReportJson() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(render(StructuredReportRenderer.JSON, FindingsReport.of("f.yaml", List.of())));
        assertThat(doc.get("findings").size()).isZero();
        assertThat(doc.get("summary").toString()).isEqualTo("{\"critical\":0,\"warning\":0,\"info\":0}");
    }

    @Test
    void textGroupsByNamespaceAndObjectWithSummary() {
        Finding second = Finding.of("pod", "Pod", "shop", "payments-7c9d-x2x", Severity.WARNING, "HighRestartCount",
                "restarted 12 times");
        String text = render(new TextReportRenderer(false), FindingsReport.of("kind-dev", List.of(NODE, SVC, CRASH, second)));
        assertThat(text).isEqualTo("""
                Namespace shop
                  Pod/payments-7c9d-x2x  (Deployment/shop/payments)
                    CRITICAL CrashLoopBackOff: container app restarted 12 times; last exit code 1 (Error)
                        event BackOff x31: Back-off restarting failed container
                    WARNING  HighRestartCount: restarted 12 times
                  Service/checkout
                    WARNING  TargetPortNotFound: no pod declares port http

                Cluster-scoped
                  Node/worker-1
                    INFO     NodeCordoned: node worker-1 is cordoned

                1 critical, 2 warning, 1 info
                """);
        assertThat(text).doesNotContain("\u001b[");
    }

    @Test
    void textColoursOnlyTheSeverityWhenEnabled() {
        String text = render(new TextReportRenderer(true), REPORT);
        assertThat(text).contains("\u001b[1;31mCRITICAL\u001b[0m CrashLoopBackOff");
        assertThat(text).contains("\u001b[33mWARNING \u001b[0m TargetPortNotFound");
        assertThat(text.lines().filter(l -> l.contains("\u001b[")).count()).isEqualTo(3);
    }

    @Test
    void textShowsExplanationIndented() {
        String text = render(new TextReportRenderer(false),
                FindingsReport.of("s", List.of(CRASH.withExplanation("The app exits at start.\nCheck DB_URL."))));
        assertThat(text).contains("        | The app exits at start.\n        | Check DB_URL.\n");
    }

    /** The model's explanation (analyze --explain) and cluster text reach the terminal escaped, never interpreted. */
    @Test
    void textShowsControlCharactersOfTheExplanationAndClusterTextEscaped() {
        Finding hostile = Finding.of("pod", "Pod", "shop", "p\u001b[2Kq", Severity.WARNING, "Odd", "msg \u001b]52;c;ZWNobw==\u0007 end")
                .withExplanation("Fine.\u001b[1A\rInjected\u009b2J");
        String text = render(new TextReportRenderer(true), FindingsReport.of("s", List.of(hostile)));
        String withoutOwnColours = text.replaceAll("\u001b\\[(?:1;31|33|36|0)m", "");
        assertThat(withoutOwnColours.chars().filter(c -> c != '\n' && (c < 0x20 || c >= 0x7f && c < 0xa0))).as(text).isEmpty();
        assertThat(text).contains("\\u001b]52;c;").contains("Injected");
    }

    @Test
    void textNoProblems() {
        assertThat(render(new TextReportRenderer(false), FindingsReport.of("s", List.of()))).isEqualTo("No problems found\n");
    }

    @Test
    void unknownFormatIsAUsageError() {
        assertThatThrownBy(() -> ReportRenderer.forFormat("sarif", false)).isInstanceOf(AgentException.class)
                .hasMessageContaining("use text, json or yaml");
        assertThat(ReportRenderer.forFormat(null, false)).isInstanceOf(TextReportRenderer.class);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
