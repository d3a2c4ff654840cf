package dev.k8sai.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fabric8-based read tools against the real test API server. */
@RealCluster
class ClusterReadToolClusterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Toolbox toolbox(TestCluster cluster) {
        return new Toolbox(ClusterReadTool.all(cluster.client()), new ObservationCompactor(CompactionSettings.DEFAULT, ObservationRedactor.identity()));
    }

    private static Observation call(Toolbox t, String tool, String args) {
        return t.invoke(new ToolInvocation("c", tool, args));
    }

    @Test
    void getsOneObjectAndListsBySelector(TestCluster cluster, TestNamespace ns) throws Exception {
        ns.applyResource("tools/three-pods.yaml");
        Toolbox t = toolbox(cluster);
        Observation one = call(t, "k8s_get", "{\"kind\":\"pod\",\"namespace\":\"" + ns.name() + "\",\"name\":\"web-a\"}");
        JsonNode pod = JSON.readTree(one.text());
        assertThat(pod.path("metadata").path("name").asText()).isEqualTo("web-a");
        assertThat(one.text()).doesNotContain("managedFields");

        Observation list = call(t, "k8s_get", "{\"kind\":\"Pods\",\"namespace\":\"" + ns.name() + "\",\"labelSelector\":\"app=web\"}");
        assertThat(JSON.readTree(list.text()).path("items")).extracting(i -> i.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("web-a", "web-b");

        Observation missing = call(t, "k8s_get", "{\"kind\":\"Pod\",\"namespace\":\"" + ns.name() + "\",\"name\":\"nope\"}");
        assertThat(missing.error()).isTrue();
        assertThat(call(t, "k8s_get", "{\"kind\":\"Widget\"}").text()).contains("pass its apiVersion");
    }

    @Test
    void kindsAreFoundByNameAndPlural(TestCluster cluster, TestNamespace ns) {
        Toolbox t = toolbox(cluster);
        for (String kind : new String[] {"Ingress", "ingresses", "NetworkPolicies", "StorageClass", "storageclasses", "Endpoints", "pods"}) {
            Observation o = call(t, "k8s_get", "{\"kind\":\"" + kind + "\",\"namespace\":\"" + ns.name() + "\"}");
            org.assertj.core.api.Assertions.assertThat(o.refused()).as(kind + ": " + o.text()).isFalse();
            org.assertj.core.api.Assertions.assertThat(o.error()).as(kind + ": " + o.text()).isFalse();
        }
    }

    @Test
    void secretValuesNeverLeave(TestCluster cluster, TestNamespace ns) {
        cluster.client().secrets().inNamespace(ns.name()).resource(new SecretBuilder().withNewMetadata().withName("db").endMetadata()
                .withStringData(Map.of("password", "hunter2-very-secret")).build()).create();
        Observation o = call(toolbox(cluster), "k8s_get", "{\"kind\":\"Secret\",\"namespace\":\"" + ns.name() + "\",\"name\":\"db\"}");
        assertThat(o.text()).contains("\"password\"").contains("<redacted>").doesNotContain("hunter2").doesNotContain("aHVudGVyMi");
    }

    @Test
    void eventsOfOneObject(TestCluster cluster, TestNamespace ns) {
        ns.applyResource("tools/three-pods.yaml");
        cluster.client().v1().events().inNamespace(ns.name()).resource(new EventBuilder().withNewMetadata().withName("web-a.1").endMetadata()
                .withType("Warning").withReason("BackOff").withMessage("Back-off restarting failed container web")
                .withNewInvolvedObject().withKind("Pod").withName("web-a").withNamespace(ns.name()).endInvolvedObject()
                .withCount(5).withLastTimestamp("2026-01-01T00:00:00Z").build()).create();
        Toolbox t = toolbox(cluster);
        Observation o = call(t, "k8s_events", "{\"kind\":\"Pod\",\"name\":\"web-a\",\"namespace\":\"" + ns.name() + "\"}");
        assertThat(o.text()).contains("BackOff", "Pod/web-a", "Back-off restarting failed container web");
        assertThat(call(t, "k8s_events", "{\"name\":\"web-b\",\"namespace\":\"" + ns.name() + "\"}").text()).startsWith("No events");
    }

    @Test
    void logsExplainWhyThereIsNothingToRead(TestCluster cluster, TestNamespace ns) {
        ns.applyResource("tools/three-pods.yaml");
        Observation o = call(toolbox(cluster), "k8s_logs", "{\"namespace\":\"" + ns.name() + "\",\"pod\":\"web-a\",\"tail\":20}");
        assertThat(o.error()).as(o.text()).isTrue();
        assertThat(o.text()).contains("not scheduled to a node");
        assertThat(call(toolbox(cluster), "k8s_logs", "{\"namespace\":\"" + ns.name() + "\",\"pod\":\"web-a\",\"container\":\"x\"}").text())
                .contains("has no container 'x'; containers: web");
        assertThat(call(toolbox(cluster), "k8s_logs", "{\"namespace\":\"" + ns.name() + "\",\"pod\":\"gone\"}").text()).contains("not found");
        assertThat(toolbox(cluster).definitions()).extracting(ToolDefinition::name).isEqualTo(List.of("k8s_get", "k8s_events", "k8s_logs"));
    }
}
