package dev.k8sai.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFileReaderTest {

    static final Path EXAMPLE = Path.of(System.getProperty("k8sai.repoRoot", "."), "examples/broken-shop.yaml");

    @TempDir
    Path dir;

    private final SnapshotFileReader reader = new SnapshotFileReader(List.of());

    private SnapshotFileReader.Result readString(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return reader.read(f.toString(), InputStream.nullInputStream(), null);
    }

    @Test
    void aCustomResourceItemOfAJsonListKeepsItsKindAndApiVersion() throws Exception {
        // kubectl's order (apiVersion, kind first): the item is bound from the parser, after those two fields
        Path f = dir.resolve("custom.json");
        Files.writeString(f, """
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "cert-manager.io/v1", "kind": "Certificate", "metadata": {"name": "web", "namespace": "shop"},
                   "status": {"conditions": [{"type": "Ready", "status": "False", "reason": "Failed"}]}},
                  {"apiVersion": "apps/v1beta2", "kind": "Deployment", "metadata": {"name": "old", "namespace": "shop"}}]}
                """);
        ClusterSnapshot s = new SnapshotFileReader(List.of(), k -> k.group().equals("cert-manager.io"))
                .read(f.toString(), InputStream.nullInputStream(), null).snapshot();
        ResourceKind certificate = new ResourceKind("cert-manager.io", "Certificate");
        assertThat(s.resources(certificate)).singleElement().satisfies(c -> {
            assertThat(c.getApiVersion()).isEqualTo("cert-manager.io/v1");
            assertThat(c.getKind()).isEqualTo("Certificate");
        });
        assertThat(s.list(Deployment.class)).singleElement().extracting(Deployment::getApiVersion).isEqualTo("apps/v1beta2");
    }

    @Test
    void readsTheExampleKubectlList() {
        SnapshotFileReader.Result r = reader.read(EXAMPLE.toString(), InputStream.nullInputStream(), null);
        ClusterSnapshot s = r.snapshot();
        assertThat(s.source()).isEqualTo(EXAMPLE.toString());
        assertThat(s.list(Pod.class)).extracting(p -> p.getMetadata().getName()).contains(
                "payments-7c9d5b8f6d-x2xq4", "cart-66b8d4f7c5-5hv8n", "orders-db-0");
        assertThat(s.get(Deployment.class, "shop", "payments")).isPresent();
        assertThat(s.get(Node.class, null, "worker-1")).isPresent();
        assertThat(s.list(Ingress.class)).hasSize(1);
        assertThat(s.eventsFor("Pod", "shop", "payments-7c9d5b8f6d-x2xq4")).hasSize(1);
        // judged when the file was written (never before its newest timestamp, the ProvisioningFailed event's)
        assertThat(s.now()).isAfterOrEqualTo(Instant.parse("2026-11-20T10:15:00Z"));
        // Secret values never enter the snapshot
        Secret secret = s.get(Secret.class, "shop", "payments-db").orElseThrow();
        assertThat(secret.getData()).containsOnlyKeys("username", "password").allSatisfy((k, v) -> assertThat(v).isEmpty());
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void multiDocumentYamlWithListsAndSingleObjects() throws Exception {
        ClusterSnapshot s = readString("multi.yaml", """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: a, namespace: x, creationTimestamp: "2025-01-01T00:00:00Z"}
                spec: {containers: [{name: c, image: i}]}
                ---
                # an empty document is skipped
                ---
                apiVersion: v1
                kind: ServiceList
                items:
                - metadata: {name: s1, namespace: x}
                  spec: {selector: {app: a}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d, namespace: y}
                status:
                  conditions:
                  - {type: Available, status: "True", lastTransitionTime: "2025-02-03T04:05:06Z"}
                """).snapshot();
        assertThat(s.list(Pod.class)).hasSize(1);
        assertThat(s.list(Service.class)).singleElement().satisfies(svc -> {
            assertThat(svc.getKind()).isEqualTo("Service");
            assertThat(svc.getSpec().getSelector()).containsEntry("app", "a");
        });
        assertThat(s.list(Deployment.class, "y")).hasSize(1);
        assertThat(s.now()).isEqualTo(Files.getLastModifiedTime(dir.resolve("multi.yaml")).toInstant());
    }

    @Test
    void kindIsCollectedOnlyWhenPresent() throws Exception {
        ClusterSnapshot s = readString("pods.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: a, namespace: x}
                """).snapshot();
        assertThat(s.collected(Pod.class)).isTrue();
        assertThat(s.collected(ConfigMap.class)).isFalse();
        assertThat(s.collected(Event.class)).isFalse();
    }

    @Test
    void jsonListAsKubectlPrintsIt() throws Exception {
        ClusterSnapshot s = readString("snap.json", """
                {
                  "apiVersion": "v1",
                  "items": [
                    {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                     "metadata": {"name": "data", "namespace": "db"}, "status": {"phase": "Pending"}},
                    {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cm", "namespace": "db"}}
                  ],
                  "kind": "List",
                  "metadata": {"resourceVersion": ""}
                }
                """).snapshot();
        assertThat(s.get(PersistentVolumeClaim.class, "db", "data")).get()
                .extracting(p -> p.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(s.collected(ConfigMap.class)).isTrue();
    }

    @Test
    void apiListResponseItemsWithoutKindTakeItFromTheList() throws Exception {
        ClusterSnapshot s = readString("podlist.json", """
                {"kind": "PodList", "apiVersion": "v1", "metadata": {},
                 "items": [{"metadata": {"name": "p1", "namespace": "n"}}, {"metadata": {"name": "p2", "namespace": "n"}}]}
                """).snapshot();
        assertThat(s.list(Pod.class, "n")).extracting(p -> p.getMetadata().getName()).containsExactly("p1", "p2");
    }

    @Test
    void readsStdinWhenFileIsDash() {
        byte[] yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cm, namespace: x}
                """.getBytes(StandardCharsets.UTF_8);
        SnapshotFileReader.Result r = reader.read("-", new ByteArrayInputStream(yaml), null);
        assertThat(r.snapshot().source()).isEqualTo("stdin");
        assertThat(r.snapshot().get(ConfigMap.class, "x", "cm")).isPresent();
    }

    @Test
    void unknownKindsAreIgnoredWithOneNote() throws Exception {
        SnapshotFileReader.Result r = readString("crd.yaml", """
                apiVersion: v1
                kind: List
                items:
                - {apiVersion: example.com/v1, kind: Widget, metadata: {name: w1, namespace: x}}
                - {apiVersion: example.com/v1, kind: Widget, metadata: {name: w2, namespace: x}}
                - {apiVersion: v1, kind: Pod, metadata: {name: p, namespace: x}}
                """);
        assertThat(r.snapshot().list(Pod.class)).hasSize(1);
        assertThat(r.notes()).containsExactly("ignored objects of kinds this tool does not check: Widget example.com/v1 (2)");
    }

    @Test
    void oldApiGroupsMapToTheCurrentClass() throws Exception {
        ClusterSnapshot s = readString("old.yaml", """
                apiVersion: extensions/v1beta1
                kind: Ingress
                metadata: {name: old, namespace: x}
                """).snapshot();
        assertThat(s.list(Ingress.class)).hasSize(1);
    }

    @Test
    void namespaceKeepsOnlyThatNamespaceAndClusterScopedObjects() {
        ClusterSnapshot s = reader.read(EXAMPLE.toString(), InputStream.nullInputStream(), "other").snapshot();
        assertThat(s.list(Pod.class)).isEmpty();
        assertThat(s.list(Node.class)).hasSize(1);
    }

    @Test
    void parseErrorIsOneLineNamingTheFileAndLine() throws Exception {
        Path f = dir.resolve("broken.yaml");
        Files.writeString(f, "apiVersion: v1\nkind: Pod\nmetadata: {name: [unclosed\n");
        assertThatThrownBy(() -> reader.read(f.toString(), InputStream.nullInputStream(), null))
                .isInstanceOf(AgentException.class)
                .satisfies(e -> assertThat(((AgentException) e).exitCode()).isEqualTo(ExitCodes.USAGE))
                .hasMessageStartingWith("cannot parse " + f + " at line ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void yamlSyntaxErrorsAreOneLineOfProse() {
        assertThatThrownBy(() -> reader.read("-", new ByteArrayInputStream("kind: [\n".getBytes(StandardCharsets.UTF_8)), null))
                .hasMessage("cannot parse stdin at line 1, column 8: while parsing a flow node; "
                        + "expected the node content, but found '<stream end>'");
    }

    @Test
    void badFieldTypeNamesTheObject() throws Exception {
        Path f = dir.resolve("badtype.yaml");
        Files.writeString(f, "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\nspec: {containers: 7}\n");
        assertThatThrownBy(() -> reader.read(f.toString(), InputStream.nullInputStream(), null))
                .isInstanceOf(AgentException.class)
                .hasMessageStartingWith("cannot parse " + f + ": Pod x/p: ");
    }

    @Test
    void listItemsWithKindAfterTheBodyUseTheSlowPath() throws Exception {
        ClusterSnapshot s = readString("order.json", """
                {"items": [
                  {"metadata": {"name": "p", "namespace": "x", "creationTimestamp": "2025-05-05T00:00:00Z"}, "kind": "Pod", "apiVersion": "v1"},
                  {"apiVersion": "v1", "metadata": {"name": "q", "namespace": "x"}, "kind": "Pod"},
                  {"kind": "Pod", "apiVersion": "v1", "metadata": {"name": "r", "namespace": "y"}}
                ], "kind": "List", "apiVersion": "v1"}
                """).snapshot();
        assertThat(s.list(Pod.class)).extracting(p -> p.getMetadata().getName()).containsExactly("p", "q", "r");
    }

    private static final String POD_AT_2025 = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: x, creationTimestamp: "2025-05-05T00:00:00Z"}
            status:
              conditions:
              - {type: Ready, status: "True", lastTransitionTime: "2025-05-05T00:01:00Z"}
            """;

    /** Issue 18 point 8: the clock is when the snapshot was taken, not its newest timestamp. */
    @Test
    void aFileIsJudgedAtItsModificationTime() throws Exception {
        Path f = dir.resolve("saved.yaml");
        Files.writeString(f, POD_AT_2025);
        Instant written = Instant.parse("2025-06-01T08:00:00Z");
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(written));
        assertThat(reader.read(f.toString(), InputStream.nullInputStream(), null).snapshot().now()).isEqualTo(written);
    }

    @Test
    void stdinIsJudgedNow() {
        Instant before = Instant.now();
        ClusterSnapshot s = reader.read("-", new java.io.ByteArrayInputStream(POD_AT_2025.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                null).snapshot();
        assertThat(s.now()).isBetween(before, Instant.now());
    }

    @Test
    void anExplicitTimeWinsEvenBeforeTheNewestTimestamp() throws Exception {
        Path f = dir.resolve("saved.yaml");
        Files.writeString(f, POD_AT_2025);
        Instant asked = Instant.parse("2025-05-05T00:00:30Z");
        assertThat(reader.read(f.toString(), InputStream.nullInputStream(), null, asked).snapshot().now()).isEqualTo(asked);
        assertThat(reader.read("-", new java.io.ByteArrayInputStream(POD_AT_2025.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                null, asked).snapshot().now()).isEqualTo(asked);
    }

    @Test
    void aModificationTimeBeforeTheNewestTimestampIsRaisedToIt() throws Exception {
        // clock skew or an edited file: judging before an object existed would make negative ages
        Path f = dir.resolve("skewed.yaml");
        Files.writeString(f, POD_AT_2025);
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(Instant.parse("2025-01-01T00:00:00Z")));
        assertThat(reader.read(f.toString(), InputStream.nullInputStream(), null).snapshot().now())
                .isEqualTo(Instant.parse("2025-05-05T00:01:00Z"));
    }

    @Test
    void badListItemNamesKindAndLine() throws Exception {
        Path f = dir.resolve("baditem.yaml");
        Files.writeString(f, """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Pod
                  metadata: {name: p, namespace: x}
                  spec: {containers: 7}
                """);
        assertThatThrownBy(() -> reader.read(f.toString(), InputStream.nullInputStream(), null))
                .isInstanceOf(AgentException.class)
                .hasMessageStartingWith("cannot parse " + f + " at line 7")
                .hasMessageContaining(": Pod: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void objectWithoutKindIsAnError() throws Exception {
        Path f = dir.resolve("nokind.yaml");
        Files.writeString(f, "metadata: {name: p}\n");
        assertThatThrownBy(() -> reader.read(f.toString(), InputStream.nullInputStream(), null))
                .isInstanceOf(AgentException.class).hasMessageContaining("without 'kind'");
    }

    @Test
    void missingFileIsOneLine() {
        assertThatThrownBy(() -> reader.read(dir.resolve("nope.yaml").toString(), InputStream.nullInputStream(), null))
                .isInstanceOf(AgentException.class)
                .hasMessage("cannot read " + dir.resolve("nope.yaml") + ": no such file");
    }

    @Test
    void emptyFileYieldsAnEmptySnapshotWithANote() throws Exception {
        SnapshotFileReader.Result r = readString("empty.yaml", "");
        assertThat(r.snapshot().collectedTypes()).isEmpty();
        assertThat(r.notes()).anyMatch(n -> n.contains("holds no Kubernetes objects"));
    }

    /** A file saved long before its newest object: the clock is then that object's time (skew, edits). */
    private SnapshotFileReader.Result readOldFile(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        return reader.read(f.toString(), InputStream.nullInputStream(), null);
    }

    @Test
    void nowIsTheNewestTimestampWhateverItsPrecisionAndOrder() throws Exception {
        // seconds-UTC texts are compared as text; a fractional (MicroTime) one must still win when later
        String events = """
                {"kind": "List", "apiVersion": "v1", "items": [
                  {"apiVersion": "v1", "kind": "Event", "metadata": {"name": "a", "namespace": "n"},
                   "firstTimestamp": "2026-11-20T10:15:00Z", "eventTime": "%s", "lastTimestamp": "%s"}]}
                """;
        assertThat(readOldFile("e1.json", events.formatted("2026-11-20T10:15:00.500000Z", "2026-11-20T09:00:00Z"))
                .snapshot().now()).isEqualTo(Instant.parse("2026-11-20T10:15:00.5Z"));
        assertThat(readOldFile("e2.json", events.formatted("2026-11-20T10:15:00.500000Z", "2026-11-20T10:15:01Z"))
                .snapshot().now()).isEqualTo(Instant.parse("2026-11-20T10:15:01Z"));
        assertThat(readOldFile("e3.json", events.formatted("2026-11-20T10:14:59.900000Z", "2026-11-20T10:14:00Z"))
                .snapshot().now()).isEqualTo(Instant.parse("2026-11-20T10:15:00Z"));
    }

    @Test
    void managedFieldsAreSkippedAndTheRestOfTheMetadataKept() throws Exception {
        SnapshotFileReader.Result r = readString("mf.json", """
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "n",
                  "managedFields": [{"manager": "kubectl", "operation": "Apply", "fieldsType": "FieldsV1",
                                     "fieldsV1": {"f:spec": {"f:containers": {}}}}],
                  "labels": {"app": "web"}, "x-unknown": "kept"},
                 "spec": {"containers": [{"name": "c", "image": "i"}]}}
                """);
        Pod pod = r.snapshot().get(Pod.class, "n", "p").orElseThrow();
        assertThat(pod.getMetadata().getManagedFields()).isEmpty();
        assertThat(pod.getMetadata().getLabels()).containsEntry("app", "web");
        assertThat(pod.getMetadata().getAdditionalProperties()).containsEntry("x-unknown", "kept").doesNotContainKey("managedFields");
        assertThat(pod.getSpec().getContainers()).hasSize(1);
    }
}
