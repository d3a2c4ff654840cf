package dev.k8sai.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sai.AgentException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JSON List's items bound on several threads give what one streaming pass gives, errors included. */
class ParallelSnapshotReadTest {

    @TempDir
    Path dir;

    private final SnapshotFileReader streaming = new SnapshotFileReader(List.of(), k -> false,
            new SnapshotFileReader.Parallelism(1, 0, Long.MAX_VALUE));
    private final SnapshotFileReader parallel = new SnapshotFileReader(List.of(), k -> false,
            new SnapshotFileReader.Parallelism(3, 0, Long.MAX_VALUE));

    /** 600 items (ten chunks of 60): pods, deployments, config maps, an unknown kind, one with its kind last. */
    private static String item(int i) {
        String ns = "ns-" + (i % 3);
        return switch (i % 5) {
            case 0 -> """
                    {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p%d", "namespace": "%s",
                      "creationTimestamp": "2026-11-20T10:%02d:00Z"},
                     "spec": {"containers": [{"name": "c", "image": "i"}]},
                     "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True",
                       "lastTransitionTime": "%s"}]}}""".formatted(i, ns, i % 60, i == 580 ? "2026-11-20T11:30:00Z" : "2026-11-20T10:00:00Z");
            case 1 -> """
                    {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d%d", "namespace": "%s"},
                     "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "a\\"%d"}}}}""".formatted(i, ns, i);
            case 2 -> """
                    {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c%d", "namespace": "%s"},
                     "data": {"k": "{[ not json ]}", "e": "\\\\"}}""".formatted(i, ns);
            case 3 -> """
                    {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w%d", "namespace": "%s"}}""".formatted(i, ns);
            default -> """
                    {"metadata": {"name": "q%d", "namespace": "%s"}, "spec": {"containers": []}, "kind": "Pod", "apiVersion": "v1"}""".formatted(i, ns);
        };
    }

    private static String list(int n, IntFunction<String> items, String separator) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(items.apply(i));
        }
        return "{\n  \"apiVersion\": \"v1\",\n  \"items\": [" + String.join("," + separator, all)
                + "\n  ],\n  \"kind\": \"List\",\n  \"metadata\": {\"resourceVersion\": \"\"}\n}\n";
    }

    private Path write(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        return f;
    }

    private static List<String> names(ClusterSnapshot s) {
        List<String> out = new ArrayList<>();
        for (Class<? extends HasMetadata> kind : List.of(Pod.class, Deployment.class, ConfigMap.class)) {
            for (HasMetadata o : s.list(kind)) {
                out.add(o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName());
            }
        }
        return out;
    }

    @Test
    void itemsSplitAcrossChunksKeepTheirOrderNotesAndClock() throws Exception {
        for (String separator : List.of("\n    ", "")) {
            Path f = write("list.json", list(600, ParallelSnapshotReadTest::item, separator));
            for (String namespace : new String[] {null, "ns-1"}) {
                SnapshotFileReader.Result one = streaming.read(f.toString(), InputStream.nullInputStream(), namespace);
                SnapshotFileReader.Result many = parallel.read(f.toString(), InputStream.nullInputStream(), namespace);
                assertThat(names(many.snapshot())).isEqualTo(names(one.snapshot())).hasSize(namespace == null ? 480 : 160);
                assertThat(many.notes()).isEqualTo(one.notes()).containsExactly(
                        "ignored objects of kinds this tool does not check: Widget example.com/v1 (120)"); // counted in every namespace, as before
                // the newest timestamp is in a late chunk: it is the clock of a file saved before it
                assertThat(many.snapshot().now()).isEqualTo(one.snapshot().now()).isEqualTo(Instant.parse("2026-11-20T11:30:00Z"));
                assertThat(many.snapshot().get(ConfigMap.class, "ns-1", "c7").orElseThrow().getData())
                        .containsEntry("k", "{[ not json ]}").containsEntry("e", "\\");
            }
        }
    }

    @Test
    void apiListItemsWithoutKindTakeTheListsKind() throws Exception {
        Path f = write("podlist.json", "{\"kind\": \"PodList\", \"apiVersion\": \"v1\", \"items\": ["
                + String.join(",", java.util.stream.IntStream.range(0, 300).mapToObj(
                        i -> "{\"metadata\": {\"name\": \"p" + i + "\", \"namespace\": \"n\"}}").toList()) + "]}");
        ClusterSnapshot s = parallel.read(f.toString(), InputStream.nullInputStream(), null).snapshot();
        assertThat(s.list(Pod.class)).hasSize(300).extracting(p -> p.getMetadata().getName()).startsWith("p0", "p1").endsWith("p299");
    }

    /** The message one streaming pass gives for {@code content}, which the parallel read must repeat. */
    private void sameError(String name, String content, String expectedStart) throws Exception {
        Path f = write(name, content);
        String expected = catchMessage(streaming, f);
        assertThat(expected).startsWith(expectedStart.formatted(f));
        assertThat(catchMessage(parallel, f)).isEqualTo(expected);
    }

    private static String catchMessage(SnapshotFileReader reader, Path f) {
        try {
            reader.read(f.toString(), InputStream.nullInputStream(), null);
        } catch (AgentException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("no error reading " + f);
    }

    @Test
    void aMalformedItemInALaterChunkIsReportedAtItsLineInTheFile() throws Exception {
        // item 450 has a bad field type (bind error), item 500 a syntax error: the first in file order wins
        IntFunction<String> bad = i -> i == 450 ? "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"x\"},\n"
                + "      \"spec\": {\"containers\": 7}}"
                : i == 500 ? "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": tru}}" : item(i);
        sameError("bind.json", list(600, bad, "\n    "), "cannot parse %s at line ");
        sameError("bind-one-line.json", list(600, bad, "").replace("\n", " "), "cannot parse %s at line 1, column ");
        // only the syntax error
        IntFunction<String> syntax = i -> i == 500 ? "{\"apiVersion\": \"v1\", \"kind\": \"Pod\",\n \"metadata\": {\"name\": tru}}" : item(i);
        sameError("syntax.json", list(600, syntax, "\n    "), "cannot parse %s at line ");
    }

    @Test
    void errorsAroundTheItemsNameTheirLineInTheFile() throws Exception {
        sameError("after.json", list(300, ParallelSnapshotReadTest::item, "\n").replace("\"kind\": \"List\"", "\"kind\": Lis"),
                "cannot parse %s at line ");
        sameError("metadata.json", list(300, ParallelSnapshotReadTest::item, "\n").replace("\"resourceVersion\": \"\"", "\"resourceVersion\" \"\""),
                "cannot parse %s at line ");
        sameError("before.json", list(300, ParallelSnapshotReadTest::item, "\n").replace("\"apiVersion\": \"v1\",\n  \"items\"", "\"apiVersion\": v1,\n  \"items\""),
                "cannot parse %s at line 2, column ");
    }

    @Test
    void whatIsNotOneListIsStreamed() throws Exception {
        String pod = "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\", \"namespace\": \"n\"}}";
        for (String content : List.of(pod, "[" + pod + "]", pod + "\n" + pod.replace("\"p\"", "\"q\""),
                "{\"items\": [" + pod + ", 7], \"kind\": \"List\"}")) {
            Path f = write("other.json", content);
            String expected;
            try {
                expected = names(streaming.read(f.toString(), InputStream.nullInputStream(), null).snapshot()).toString();
            } catch (AgentException e) {
                expected = e.getMessage();
            }
            String actual;
            try {
                actual = names(parallel.read(f.toString(), InputStream.nullInputStream(), null).snapshot()).toString();
            } catch (AgentException e) {
                actual = e.getMessage();
            }
            assertThat(actual).as(content).isEqualTo(expected);
        }
    }

    @Test
    void onlyFilesOfBoundedSizeAreHeldInMemoryAndOnlyWithSeveralCores() {
        SnapshotFileReader.Parallelism p = new SnapshotFileReader.Parallelism(2, 1 << 20, 256L << 20);
        assertThat(p.fits(18L << 20)).isTrue();
        assertThat(p.fits(1000)).isFalse();
        assertThat(p.fits((256L << 20) + 1)).isFalse();
        assertThat(new SnapshotFileReader.Parallelism(1, 0, Long.MAX_VALUE).fits(18L << 20)).isFalse();
        assertThat(SnapshotFileReader.Parallelism.DEFAULT.maxBytes()).isLessThanOrEqualTo(256L << 20)
                .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory() / 8);
    }
}
