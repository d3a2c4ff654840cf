package dev.k8sai.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import dev.k8sai.tools.ChangeGuard.Policy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kubectl tool against the real test API server and the real kubectl binary. */
@RealCluster
class KubectlPipelineClusterTest {

    private static Toolbox toolbox(TestCluster cluster, Policy policy) {
        ChangeGuard guard = new ChangeGuard(policy, Confirmer.none());
        KubectlSettings s = new KubectlSettings(cluster.kubectlBinary(), cluster.kubeconfig(), null, Duration.ofSeconds(60), 4 << 20);
        return new Toolbox(List.of(new KubectlTool(new Pipeline(s, guard)), new JqTool()),
                new ObservationCompactor(CompactionSettings.DEFAULT, ObservationRedactor.identity()));
    }

    private static Observation kubectl(Toolbox t, String command) {
        return t.invoke(new ToolInvocation("c", "kubectl", "{\"command\":" + new com.fasterxml.jackson.databind.node.TextNode(command) + "}"));
    }

    @Test
    void namespaceCountMatchesFabric8(TestCluster cluster, TestNamespace ns) {
        Toolbox t = toolbox(cluster, Policy.ASK);
        // other test JVMs may create or delete namespaces meanwhile: the kubectl count must lie between two fabric8 counts
        int before = cluster.client().namespaces().list().getItems().size();
        Observation o = kubectl(t, "kubectl get ns --no-headers | wc -l");
        int after = cluster.client().namespaces().list().getItems().size();
        assertThat(o.error()).as(o.text()).isFalse();
        int counted = Integer.parseInt(o.text().strip());
        assertThat(counted).isBetween(Math.min(before, after), Math.max(before, after)).isGreaterThanOrEqualTo(5);
    }

    @Test
    void secretValuesNeverLeaveKubectlOutput(TestCluster cluster, TestNamespace ns) {
        ns.apply("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                  annotations:
                    kubectl.kubernetes.io/last-applied-configuration: '{"stringData":{"password":"hunter2-in-annotation"}}'
                stringData:
                  password: hunter2-plain-value
                  url: postgres://app:Sup3rS3cret@db:5432/orders
                """);
        Toolbox t = toolbox(cluster, Policy.ASK);
        // "aHVudGVyMi1wbGFpbi12YWx1ZQ==" is the base64 form of the password
        for (String command : List.of(
                "kubectl get secret db -n " + ns.name() + " -o yaml",
                "kubectl get secret db -n " + ns.name() + " -o yaml | grep -A3 data",
                "kubectl get secrets,configmaps -n " + ns.name() + " -o json | jq .items[].data",
                "kubectl get secret/db -n " + ns.name() + " -o json")) {
            Observation o = kubectl(t, command);
            assertThat(o.text()).as(command).doesNotContain("aHVudGVyMi1wbGFpbi12YWx1ZQ", "hunter2", "Sup3rS3cret");
        }
        Observation keys = kubectl(t, "kubectl get secret db -n " + ns.name() + " -o json | jq -r '.data | keys[]'");
        assertThat(keys.text()).isEqualTo("password\nurl\n");
        Observation jsonpath = kubectl(t, "kubectl get secret db -n " + ns.name() + " -o jsonpath={.data.password}");
        assertThat(jsonpath.refused()).isTrue();
        assertThat(jsonpath.text()).doesNotContain("aHVudGVy").contains("describe secret");
        Observation jq = t.invoke(new ToolInvocation("c", "jq", "{\"filter\":\".items[0].data\"}"));
        assertThat(jq.text()).doesNotContain("aHVudGVy", "hunter2");
    }

    @Test
    void jqPipelineOnFixturePods(TestCluster cluster, TestNamespace ns) {
        ns.applyResource("tools/three-pods.yaml");
        Toolbox t = toolbox(cluster, Policy.ASK);
        Observation names = kubectl(t, "kubectl get pods -n " + ns.name() + " -o json | jq -r '.items[].metadata.name' | sort");
        assertThat(names.text()).isEqualTo("batch-c\nweb-a\nweb-b\n");
        Observation pending = kubectl(t, "kubectl get pods -n " + ns.name()
                + " -o json | jq -r '.items[] | select(.status.phase == \"Pending\") | .metadata.name'");
        assertThat(pending.text()).isEqualTo("batch-c\n");
        Observation byLabel = kubectl(t, "kubectl get pods -n " + ns.name() + " -l app=web --no-headers | awk '{print $1}' | wc -l");
        assertThat(byLabel.text()).isEqualTo("2\n");
    }

    @Test
    void realObjectLosesManagedFieldsBeforeTheModelSeesIt(TestCluster cluster, TestNamespace ns) {
        ns.applyResource("tools/three-pods.yaml");
        Toolbox t = toolbox(cluster, Policy.ASK);
        Observation o = kubectl(t, "kubectl get pod web-a -n " + ns.name() + " -o json --show-managed-fields");
        assertThat(o.text()).contains("\"name\": \"web-a\"").doesNotContain("managedFields", "resourceVersion", "\"uid\"");
        // the jq tool still works on the full output
        Observation jq = t.invoke(new ToolInvocation("c", "jq", "{\"filter\":\".metadata.managedFields | length > 0\"}"));
        assertThat(jq.text()).isEqualTo("true\n");
    }

    @Test
    void missingObjectIsAnErrorObservation(TestCluster cluster, TestNamespace ns) {
        Observation o = kubectl(toolbox(cluster, Policy.ASK), "kubectl get pod nope -n " + ns.name());
        assertThat(o.error()).isTrue();
        assertThat(o.text()).contains("NotFound");
    }

    @Test
    void readOnlyRefusesAndAllowAllChangesTheCluster(TestCluster cluster, TestNamespace ns) {
        ns.applyResource("tools/three-pods.yaml");
        String label = "kubectl label pod web-a -n " + ns.name() + " checked=yes";
        Observation refused = kubectl(toolbox(cluster, Policy.REFUSE_ALL), label);
        assertThat(refused.refused()).isTrue();
        assertThat(cluster.client().pods().inNamespace(ns.name()).withName("web-a").get().getMetadata().getLabels()).doesNotContainKey("checked");

        Observation declined = kubectl(toolbox(cluster, Policy.ASK), label);
        assertThat(declined.refused()).isTrue();
        assertThat(cluster.client().pods().inNamespace(ns.name()).withName("web-a").get().getMetadata().getLabels()).doesNotContainKey("checked");

        Observation done = kubectl(toolbox(cluster, Policy.ALLOW_ALL), label);
        assertThat(done.error()).as(done.text()).isFalse();
        assertThat(cluster.client().pods().inNamespace(ns.name()).withName("web-a").get().getMetadata().getLabels()).containsEntry("checked", "yes");
    }

    @Test
    void serverDryRunIsReadAndChangesNothing(TestCluster cluster, TestNamespace ns) {
        ns.applyResource("tools/three-pods.yaml");
        Observation o = kubectl(toolbox(cluster, Policy.REFUSE_ALL), "kubectl delete pod web-b -n " + ns.name() + " --dry-run=server");
        assertThat(o.refused()).isFalse();
        assertThat(o.text()).contains("web-b");
        assertThat(cluster.client().pods().inNamespace(ns.name()).withName("web-b").get()).isNotNull();
    }
}
