package dev.k8sai.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Deferred property deserializers bind fabric8 objects exactly as Jackson's eager ones do. */
class LazyModelDeserializersTest {

    private static ObjectMapper plain() {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    private static ObjectMapper lazy() {
        return plain().registerModule(LazyModelDeserializers.module());
    }

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop, labels: {app: web}, ownerReferences: [{kind: ReplicaSet, name: web-1, uid: u1, controller: true}]}
            spec:
              hostNetwork: null
              containers:
                - name: web
                  image: nginx
                  ports: [{containerPort: 8080, name: http}]
                  readinessProbe: {httpGet: {path: /ready, port: http}, periodSeconds: 5}
                  livenessProbe: {tcpSocket: {port: 8080}}
                  resources: {limits: {cpu: 500m, memory: 128Mi}}
                  env: [{name: A, valueFrom: {secretKeyRef: {name: s, key: k}}}]
              volumes:
                - name: token
                  projected: {sources: [{serviceAccountToken: {path: token, expirationSeconds: 3607}}]}
                - name: cfg
                  configMap: {name: cfg, items: [{key: a, path: b}]}
              someFutureField: {nested: [1, 2]}
            status:
              phase: Running
              containerStatuses: [{name: web, ready: false, restartCount: 7, state: {waiting: {reason: CrashLoopBackOff}}}]
            """;

    @Test
    void bindsAPodWithNestedTypesAnnotatedTypesAndNullsLikeJackson() throws Exception {
        JsonNode tree = new YAMLMapper().readTree(POD);
        Pod eager = plain().treeToValue(tree, Pod.class);
        Pod deferred = lazy().treeToValue(tree, Pod.class);
        assertThat(deferred).isEqualTo(eager);
        var c = deferred.getSpec().getContainers().getFirst();
        assertThat(c.getReadinessProbe().getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
        assertThat(c.getLivenessProbe().getTcpSocket().getPort()).isEqualTo(new IntOrString(8080));
        assertThat(c.getResources().getLimits()).containsEntry("cpu", new Quantity("500m"));
        assertThat(deferred.getSpec().getVolumes().getFirst().getProjected().getSources().getFirst()
                .getServiceAccountToken().getExpirationSeconds()).isEqualTo(3607L);
        assertThat(deferred.getSpec().getHostNetwork()).isNull();
        assertThat(deferred.getSpec().getAdditionalProperties()).containsKey("someFutureField");
        assertThat(deferred.getStatus().getContainerStatuses().getFirst().getState().getWaiting().getReason())
                .isEqualTo("CrashLoopBackOff");
    }

    @Test
    void bindsEveryObjectOfTheExampleSnapshotLikeJacksonIncludingPolymorphicListItems() throws Exception {
        JsonNode list = new YAMLMapper().readTree(Files.readString(Path.of("examples/broken-shop.yaml")));
        // KubernetesList items are HasMetadata, bound by fabric8's own polymorphic deserializer
        KubernetesList eager = plain().treeToValue(list, KubernetesList.class);
        KubernetesList deferred = lazy().treeToValue(list, KubernetesList.class);
        assertThat(deferred.getItems()).hasSizeGreaterThan(20).isEqualTo(eager.getItems());
        assertThat(deferred.getItems()).extracting(i -> i.getClass().getSimpleName()).contains("Pod", "Deployment", "Ingress");
    }

    @Test
    void aValueOfTheWrongShapeFailsAsWithJackson() throws Exception {
        JsonNode tree = new YAMLMapper().readTree("kind: Pod\nspec: {containers: {name: not-a-list}}\n");
        assertThatThrownBy(() -> plain().treeToValue(tree, Pod.class)).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> lazy().treeToValue(tree, Pod.class)).isInstanceOf(MismatchedInputException.class)
                .hasMessageContaining("containers");
    }
}
