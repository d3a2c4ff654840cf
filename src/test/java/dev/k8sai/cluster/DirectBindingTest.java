package dev.k8sai.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Hand-written field binding gives the objects (and the errors) Jackson's own binding gives. */
class DirectBindingTest {

    /** ModelJson's mapper without the direct binding. */
    private static final ObjectMapper JACKSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .addMixIn(ObjectMeta.class, WithoutManagedFields.class)
            .registerModule(LazyModelDeserializers.module());
    private static final ObjectMapper DIRECT = ModelJson.MAPPER;
    private static final KnownKinds KINDS = new KnownKinds(List.of());

    @JsonIgnoreProperties("managedFields")
    private abstract static class WithoutManagedFields {
    }

    @Test
    void theModelMapperBindsPodsWorkloadsAndEventsDirectly() throws Exception {
        for (Class<?> type : List.of(Pod.class, PodSpec.class, ObjectMeta.class, ConfigMap.class, Deployment.class, Event.class)) {
            assertThat(deserializerOf(DIRECT, type).getClass().getName()).endsWith("DirectBinding$Direct");
            assertThat(deserializerOf(JACKSON, type).getClass().getName()).doesNotContain("DirectBinding");
        }
    }

    @Test
    void everyObjectOfTheTestSnapshotsBindsAsWithJackson() throws Exception {
        List<JsonNode> items = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/test/resources")), Stream.of(Path.of("examples/broken-shop.yaml")))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                try (var docs = new YAMLMapper().readValues(new YAMLMapper().createParser(file.toFile()), JsonNode.class)) {
                    docs.forEachRemaining(doc -> flatten(doc, items));
                }
            }
        }
        int pods = 0;
        for (JsonNode item : items) {
            Class<? extends HasMetadata> type = KINDS.resolve(item.path("apiVersion").asText(null), item.path("kind").asText(null));
            if (type == null) {
                continue;
            }
            pods += type == Pod.class ? 1 : 0;
            Object expected = bindOrError(JACKSON, item, type);
            assertThat(bindOrError(DIRECT, item, type)).as(item.toString()).isEqualTo(expected);
        }
        assertThat(pods).isGreaterThan(50);
    }

    private static void flatten(JsonNode doc, List<JsonNode> into) {
        if (doc != null && doc.has("items")) {
            doc.get("items").forEach(into::add);
        } else if (doc != null && doc.isObject()) {
            into.add(doc);
        }
    }

    /** Values of every other shape than the expected one, unknown and ignored fields, nulls. */
    private static final String ODD_POD = """
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": 5, "namespace": null, "labels": {"a": 1, "b": null, "c": true}, "generation": "7",
                          "finalizers": ["x", 3, null], "ownerReferences": [null, {"kind": "ReplicaSet", "controller": "true"}],
                          "managedFields": [{"manager": "kubectl"}], "futureField": {"x": [1]}},
             "spec": {"containers": [{"name": "a", "ports": [{"containerPort": "8080", "hostPort": 1.0}], "stdin": 1,
                                      "env": [{"name": "A", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}],
                                      "resources": {"limits": {"cpu": "500m"}}, "readinessProbe": {"tcpSocket": {"port": 80}}},
                                     null],
                      "hostNetwork": null, "priority": 12, "terminationGracePeriodSeconds": 30, "tolerations": [{"key": "k", "tolerationSeconds": 300}],
                      "volumes": [{"name": "t", "projected": {"sources": [{"serviceAccountToken": {"path": "token"}}]}}],
                      "nodeSelector": {"disk": "ssd"}, "securityContext": {"runAsNonRoot": true}},
             "status": {"phase": "Running", "podIPs": [{"ip": "10.0.0.1"}], "hostIPs": [{"ip": "1.2.3.4", "extra": 1}],
                        "conditions": [{"type": "Ready", "status": "False", "observedGeneration": 2}],
                        "containerStatuses": [{"name": "a", "ready": false, "restartCount": 3000000000000,
                                               "state": {"terminated": {"exitCode": 137, "signal": "9", "reason": "OOMKilled"}},
                                               "lastState": null}],
                        "unknown": [1, 2]}}
            """;

    @Test
    void oddShapesCoercionsAndUnknownFieldsBindAsWithJackson() throws Exception {
        JsonNode tree = JACKSON.readTree(ODD_POD.replace("3000000000000", "3"));
        Pod pod = DIRECT.treeToValue(tree, Pod.class);
        assertThat(pod).isEqualTo(JACKSON.treeToValue(tree, Pod.class));
        assertThat(pod.getMetadata().getName()).isEqualTo("5");
        assertThat(pod.getMetadata().getLabels()).containsEntry("a", "1").containsEntry("b", null);
        assertThat(pod.getMetadata().getAdditionalProperties()).containsKey("futureField").doesNotContainKey("managedFields");
        assertThat(pod.getSpec().getContainers()).hasSize(2).last().isNull();
        assertThat(pod.getSpec().getContainers().getFirst().getPorts().getFirst().getContainerPort()).isEqualTo(8080);
        assertThat(pod.getStatus().getAdditionalProperties()).containsKey("unknown");
        // and read from the text, not from a tree: what the snapshot reader does
        assertThat(DIRECT.readValue(ODD_POD.replace("3000000000000", "3"), Pod.class)).isEqualTo(pod);
    }

    @Test
    void aValueJacksonRejectsIsRejectedWithJacksonsMessage() {
        for (String bad : List.of(ODD_POD, ODD_POD.replace("\"ownerReferences\": [null,", "\"ownerReferences\": {\"a\": [null,")
                        .replace("\"controller\": \"true\"}]", "\"controller\": \"true\"}]}"),
                ODD_POD.replace("\"stdin\": 1", "\"stdin\": {}"),
                ODD_POD.replace("3000000000000", "3").replace("\"cpu\": \"500m\"", "\"cpu\": \"\""))) {
            Throwable jackson = catchThrowable(() -> JACKSON.readValue(bad, Pod.class));
            Throwable direct = catchThrowable(() -> DIRECT.readValue(bad, Pod.class));
            assertThat(jackson).isInstanceOf(JsonMappingException.class);
            assertThat(direct).isInstanceOf(jackson.getClass());
            assertThat(((JsonMappingException) direct).getOriginalMessage()).isEqualTo(((JsonMappingException) jackson).getOriginalMessage());
        }
    }

    @Test
    void aPodTemplateInsideADeploymentIsBoundDirectlyToo() throws Exception {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, labels: {app: web}}
                spec:
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: nginx, env: [{name: A, value: b}]}], serviceAccountName: web}
                """;
        JsonNode tree = new YAMLMapper().readTree(yaml);
        Deployment d = DIRECT.treeToValue(tree, Deployment.class);
        assertThat(d).isEqualTo(JACKSON.treeToValue(tree, Deployment.class));
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv().getFirst().getValue()).isEqualTo("b");
    }

    private static Object bindOrError(ObjectMapper mapper, JsonNode item, Class<?> type) {
        try {
            return mapper.treeToValue(item, type);
        } catch (IOException | IllegalArgumentException e) {
            return e.getClass().getName() + ": " + (e instanceof JsonMappingException m ? m.getOriginalMessage() : e.getMessage());
        }
    }

    private static JsonDeserializer<Object> deserializerOf(ObjectMapper mapper, Class<?> type) throws Exception {
        DefaultDeserializationContext ctxt = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), null, null);
        return ctxt.findRootValueDeserializer(mapper.constructType(type));
    }
}
