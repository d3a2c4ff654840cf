package dev.k8sai.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file read ahead gives the read exactly what reading it then gives, only sooner. */
class EarlySnapshotFileTest {

    @TempDir
    Path dir;

    @AfterEach
    void noneLeft() {
        EarlySnapshotFile.discard();
    }

    /** A JSON List over 1 MiB: pods of two namespaces, config maps, a custom resource, an item without apiVersion. */
    private Path snapshot(String name, int pods, String oddPodField) throws Exception {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < pods; i++) {
            String ns = i % 2 == 0 ? "a" : "b";
            // the newest timestamp of the file is in the second item, which the early read binds first
            String time = i == 1 ? "2026-11-30T12:00:00Z" : "2026-11-20T10:00:00Z";
            Map<String, Object> status = Map.of("phase", "Running", "startTime", time, "containerStatuses", List.of(Map.of(
                    "name", "main", "ready", i % 7 != 0, "restartCount", i == 5 && oddPodField != null ? oddPodField : i % 7,
                    "state", Map.of("running", Map.of("startedAt", time)))));
            items.add(item("v1", "Pod", Map.of("metadata", Map.of("name", "pod-" + i, "namespace", ns, "uid", "u-" + i, "creationTimestamp", time,
                            "labels", Map.of("app", "app-" + i / 10), "annotations", Map.of("note", "x".repeat(900))),
                    "spec", Map.of("containers", List.of(Map.of("name", "main", "image", "registry.example/app:" + i,
                            "env", List.of(Map.of("name", "A", "value", "b"))))),
                    "status", status)));
            if (i % 50 == 0) {
                items.add(item("v1", "ConfigMap", Map.of("metadata", Map.of("name", "cm-" + i, "namespace", ns), "data", Map.of("k", "v"))));
                items.add(item("cert-manager.io/v1", "Certificate",
                        Map.of("metadata", Map.of("name", "cert-" + i, "namespace", ns), "status", Map.of("conditions", List.of()))));
                items.add(Map.of("kind", "Service", "metadata", Map.of("name", "svc-" + i, "namespace", ns)));
            }
        }
        Path file = dir.resolve(name);
        new ObjectMapper().writeValue(file.toFile(), Map.of("apiVersion", "v1", "kind", "List", "items", items));
        assertThat(Files.size(file)).isGreaterThan(1 << 20);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-25T00:00:00Z")));
        return file;
    }

    /** apiVersion and kind first, as kubectl prints them (the items the read binds straight from the parser). */
    private static Map<String, Object> item(String apiVersion, String kind, Map<String, Object> rest) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("apiVersion", apiVersion);
        item.put("kind", kind);
        item.putAll(rest);
        return item;
    }

    private static SnapshotFileReader reader() {
        return new SnapshotFileReader(List.of(), kind -> kind.group().equals("cert-manager.io"));
    }

    private static SnapshotFileReader.Result read(Path file, String namespace) {
        return reader().read(file.toString(), new ByteArrayInputStream(new byte[0]), namespace);
    }

    /** Starts the early read and waits until it has bound at least {@code items}. */
    private static List<HasMetadata> startAndWait(Path file, int items) throws InterruptedException {
        EarlySnapshotFile.start(file);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (EarlySnapshotFile.pendingObjects().size() < items && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        List<HasMetadata> bound = EarlySnapshotFile.pendingObjects();
        assertThat(bound).hasSizeGreaterThanOrEqualTo(items);
        return bound;
    }

    private static List<Object> contents(SnapshotFileReader.Result result) {
        List<Object> all = new ArrayList<>();
        ClusterSnapshot s = result.snapshot();
        s.collectedTypes().stream().map(Class::getName).sorted().forEach(name -> s.collectedTypes().stream()
                .filter(t -> t.getName().equals(name)).forEach(t -> all.addAll(s.list(t.asSubclass(HasMetadata.class)))));
        s.resourceKinds().forEach(k -> all.addAll(s.resources(k)));
        all.add(s.now());
        all.add(result.notes());
        return all;
    }

    @Test
    void itemsBoundAheadAreUsedAndTheResultIsTheReadsOwnForEveryNamespace() throws Exception {
        Path file = snapshot("list.json", 800, null);
        for (String namespace : new String[] {null, "a"}) {
            List<Object> expected = contents(read(file, namespace));
            List<HasMetadata> ahead = startAndWait(file, 50);
            SnapshotFileReader.Result result = read(file, namespace);
            assertThat(contents(result)).isEqualTo(expected);
            // the very objects bound ahead (namespace a's of them with -n a) are in the snapshot
            List<Pod> pods = result.snapshot().list(Pod.class);
            HasMetadata first = ahead.stream().filter(o -> namespace == null || namespace.equals(o.getMetadata().getNamespace()))
                    .findFirst().orElseThrow();
            assertThat(pods).anySatisfy(p -> assertThat(p).isSameAs(first));
            // the clock came from an item bound ahead: the file's newest timestamp, later than its modification time
            assertThat(result.snapshot().now()).isEqualTo(Instant.parse("2026-11-30T12:00:00Z"));
        }
    }

    @Test
    void anItemThatFailsIsReportedByTheReadAsWithoutTheEarlyRead() throws Exception {
        Path file = snapshot("bad.json", 800, "not a number");
        Throwable expected = catchThrowable(() -> read(file, null));
        assertThat(expected).hasMessageContaining("not a number").hasMessageContaining(" at line ");
        startAndWait(file, 50);
        Throwable actual = catchThrowable(() -> read(file, null));
        assertThat(actual).hasMessage(expected.getMessage());
    }

    @Test
    void aFileChangedSinceIsReadAgainAndADiscardedReadIsNotUsed() throws Exception {
        Path file = snapshot("list.json", 800, null);
        startAndWait(file, 50);
        Path other = snapshot("other.json", 900, null);
        Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<Object> afterChange = contents(read(file, null));
        EarlySnapshotFile.discard();
        assertThat(contents(read(file, null))).isEqualTo(afterChange);
        assertThat(reader().read(file.toString(), null, null).snapshot().list(Pod.class)).hasSize(900);

        List<HasMetadata> ahead = startAndWait(file, 50);
        EarlySnapshotFile.discard();
        assertThat(read(file, null).snapshot().list(Pod.class)).noneSatisfy(p -> assertThat(p).isSameAs(ahead.getFirst()));
    }
}
