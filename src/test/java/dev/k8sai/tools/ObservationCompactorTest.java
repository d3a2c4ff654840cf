package dev.k8sai.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ObservationCompactorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static String resource(String name) throws IOException {
        try (InputStream in = ObservationCompactorTest.class.getResourceAsStream("/tools/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ObservationCompactor compactor(CompactionSettings s) {
        return new ObservationCompactor(s, ObservationRedactor.identity());
    }

    @Test
    void dropsManagedFieldsAndBookkeepingNoise() throws IOException {
        String out = compactor(CompactionSettings.DEFAULT).compact(resource("pod-noisy.json")).text();
        assertThat(out).doesNotContain("managedFields", "last-applied-configuration", "resourceVersion", "\"uid\"", "generation", "selfLink")
                .contains("\"team\": \"shop\"", "\"creationTimestamp\"", "nginx:1.25");
        assertThat(JSON.readTree(out).path("metadata").path("name").asText()).isEqualTo("web-1");
    }

    @Test
    void cleansYamlToo() throws IOException {
        String yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValueAsString(JSON.readTree(resource("pod-noisy.json")))
                .replaceFirst("^---\\s*\\n", "");
        String out = compactor(CompactionSettings.DEFAULT).compact(yaml).text();
        assertThat(out).startsWith("apiVersion:").doesNotContain("managedFields", "last-applied-configuration", "resourceVersion")
                .contains("team: shop");
    }

    @Test
    void bigListBecomesTableWithNote() {
        String list = podList(30);
        ObservationCompactor.Compacted c = compactor(CompactionSettings.DEFAULT).compact(list);
        List<String> lines = c.text().lines().toList();
        assertThat(lines.getFirst()).startsWith("NAMESPACE").contains("NAME", "READY", "STATUS", "RESTARTS", "NODE");
        assertThat(lines.get(1)).matches("shop\\s+pod-0\\s+0/1\\s+CrashLoopBackOff\\s+7\\s+node-a");
        assertThat(lines.get(2)).matches("shop\\s+pod-1\\s+1/1\\s+Running\\s+0\\s+node-a");
        assertThat(c.text()).contains("[compacted: 30 Pod items shown as a table");
        assertThat(c.truncated()).isTrue();
        assertThat(c.text().length()).isLessThan(list.length() / 3);
    }

    @Test
    void smallListStaysJsonButClean() throws IOException {
        String out = compactor(CompactionSettings.DEFAULT).compact(podList(3)).text();
        assertThat(JSON.readTree(out).path("items").size()).isEqualTo(3);
        assertThat(out).doesNotContain("managedFields");
    }

    @Test
    void longTextKeepsHeadAndTailWithNarrowingNote() {
        String text = IntStream.rangeClosed(1, 1000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n"));
        ObservationCompactor.Compacted c = compactor(new CompactionSettings(true, 20, 100, 10, 5, 100_000)).compact(text);
        List<String> lines = c.text().lines().toList();
        assertThat(lines).hasSize(16);
        assertThat(lines.get(9)).isEqualTo("line 10");
        assertThat(lines.get(10)).contains("985 lines omitted").contains("-l, --field-selector, -o jsonpath or | grep");
        assertThat(lines.getLast()).isEqualTo("line 1000");
        assertThat(c.truncated()).isTrue();
    }

    @Test
    void hardCharacterCapAppliesEvenWhenCompactionIsOff() {
        String text = "x".repeat(10_000);
        ObservationCompactor.Compacted c = compactor(CompactionSettings.DEFAULT.withEnabled(false).withMaxChars(1000)).compact(text);
        assertThat(c.text().length()).isLessThanOrEqualTo(1000);
        assertThat(c.text()).contains("output cut at 1000 of 10000 characters");
    }

    @Test
    void compactionOffKeepsContent() throws IOException {
        String noisy = resource("pod-noisy.json");
        assertThat(compactor(CompactionSettings.DEFAULT.withEnabled(false)).compact(noisy).text()).isEqualTo(noisy);
        assertThat(compactor(CompactionSettings.DEFAULT.withEnabled(false)).compact(podList(30)).text()).contains("managedFields");
    }

    @Test
    void redactorRunsLastAndAlwaysEvenWhenOff() {
        List<String> seen = new ArrayList<>();
        ObservationRedactor r = t -> {
            seen.add(t);
            return t.replace("hunter2", "[REDACTED]");
        };
        for (boolean on : new boolean[] {true, false}) {
            String out = new ObservationCompactor(CompactionSettings.DEFAULT.withEnabled(on), r)
                    .compact("{\"kind\":\"ConfigMap\",\"data\":{\"password\":\"hunter2\"}}").text();
            assertThat(out).contains("[REDACTED]").doesNotContain("hunter2");
        }
        assertThat(seen).hasSize(2);
    }

    @Test
    void nonKubernetesJsonAndPlainTextPassThrough() {
        ObservationCompactor c = compactor(CompactionSettings.DEFAULT);
        assertThat(c.compact("{\"a\":1}").text()).isEqualTo("{\"a\":1}");
        assertThat(c.compact("NAME READY\nx 1/1\n").text()).isEqualTo("NAME READY\nx 1/1\n");
        assertThat(c.compact("{broken").text()).isEqualTo("{broken");
    }

    static String podList(int n) {
        ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
        ArrayNode items = list.putArray("items");
        for (int i = 0; i < n; i++) {
            ObjectNode pod = items.addObject().put("apiVersion", "v1").put("kind", "Pod");
            ObjectNode md = pod.putObject("metadata").put("name", "pod-" + i).put("namespace", "shop").put("uid", "u-" + i).put("resourceVersion", "1");
            md.putArray("managedFields").addObject().put("manager", "kube-controller-manager").putObject("fieldsV1").put("f:status", "{}");
            pod.putObject("spec").put("nodeName", "node-a").putArray("containers").addObject().put("name", "c").put("image", "nginx");
            ObjectNode st = pod.putObject("status").put("phase", "Running");
            ObjectNode cs = st.putArray("containerStatuses").addObject().put("name", "c").put("ready", i != 0).put("restartCount", i == 0 ? 7 : 0);
            if (i == 0) {
                cs.putObject("state").putObject("waiting").put("reason", "CrashLoopBackOff");
            } else {
                cs.putObject("state").putObject("running");
            }
        }
        return list.toPrettyString();
    }
}
