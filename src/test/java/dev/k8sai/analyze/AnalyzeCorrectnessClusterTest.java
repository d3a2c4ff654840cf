package dev.k8sai.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.analyze.AnalyzeLiveClusterTest.Run;
import dev.k8sai.testing.cluster.CommandResult;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, correctness 1–4 on the real API server (with its real controllers): a webhook into a
 * namespace that does not exist, partial snapshots and RBAC-forbidden kinds counted as not checked,
 * one problem per cause, and evidence redacted in every output format.
 */
@RealCluster
class AnalyzeCorrectnessClusterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void webhookIntoAMissingNamespaceIsReportedEvenWithMinusN(TestCluster cluster, TestNamespace ns) throws Exception {
        String gone = "uninstalled-" + ns.name();
        // The object selector matches nothing, so this Fail webhook never blocks the shared test cluster.
        ns.apply("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata: {name: leftover-%s}
                webhooks:
                  - name: validate.leftover.example.com
                    admissionReviewVersions: [v1]
                    sideEffects: None
                    failurePolicy: Fail
                    objectSelector: {matchLabels: {never-matches: "%s"}}
                    clientConfig:
                      service: {namespace: %s, name: leftover-webhook}
                    rules:
                      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}
                """.formatted(ns.name(), ns.name(), gone));
        Run run = AnalyzeLiveClusterTest.analyze(cluster, "-n", ns.name(), "--filter", "webhook", "-o", "json");
        JsonNode findings = JSON.readTree(run.out()).get("findings");
        List<JsonNode> mine = new ArrayList<>();
        findings.forEach(f -> {
            if (f.get("name").asText().equals("leftover-" + ns.name())) {
                mine.add(f);
            }
        });
        assertThat(mine).singleElement().satisfies(f -> {
            assertThat(f.get("reason").asText()).isEqualTo("WebhookServiceNotFound");
            assertThat(f.get("severity").asText()).isEqualTo("critical");
            assertThat(f.get("message").asText()).contains("Service " + gone + "/leftover-webhook, whose namespace "
                    + gone + " does not exist");
        });
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void partialFileRaisesNoFalseCriticalAndCountsWhatWasNotChecked(TestCluster cluster, TestNamespace ns, @TempDir Path dir)
            throws Exception {
        KubernetesClient client = cluster.client();
        String other = ns.name() + "-b";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(other).endMetadata().build()).create();
        try {
            for (String n : List.of(ns.name(), other)) {
                awaitDefaultServiceAccount(client, n);
                cluster.kubectl("-n", n, "create", "configmap", "app-config", "--from-literal=mode=prod");
                createPod(cluster, n);
            }
            // A file holding the ServiceAccounts and ConfigMaps of one namespace only, and the pods of both.
            // Each pod references ServiceAccount default and ConfigMap app-config (the test API server
            // runs without the ServiceAccount admission plugin, so no token volume is added).
            CommandResult first = cluster.kubectl("get", "pods,serviceaccounts,configmaps", "-n", ns.name(), "-o", "yaml");
            CommandResult second = cluster.kubectl("get", "pods", "-n", other, "-o", "yaml");
            assertThat(first.ok()).as(first.stderr()).isTrue();
            assertThat(second.ok()).as(second.stderr()).isTrue();
            Path file = Files.writeString(dir.resolve("partial.yaml"), first.stdout() + "\n---\n" + second.stdout());

            Run json = AnalyzeLiveClusterTest.analyze(cluster, "-f", file.toString(), "-o", "json");
            JsonNode report = JSON.readTree(json.out());
            assertThat(report.get("summary").get("critical").asInt()).as(json.out()).isZero();
            assertThat(report.get("findings").findValuesAsText("reason")).doesNotContain("MissingServiceAccount", "MissingConfigMap");
            List<String> notChecked = new ArrayList<>();
            report.get("summary").get("notChecked").forEach(n -> notChecked.add(n.get("kind").asText() + " "
                    + n.get("namespace").asText() + " " + n.get("references").asInt() + " " + n.get("why").asText()));
            assertThat(notChecked).containsExactlyInAnyOrder(
                    "ConfigMap " + other + " 1 not in the snapshot",
                    "ServiceAccount " + other + " 1 not in the snapshot");

            Run text = AnalyzeLiveClusterTest.analyze(cluster, "-f", file.toString(), "--no-color");
            assertThat(text.out()).contains("not checked: 1 ServiceAccount reference in namespace " + other + " (not in the snapshot)",
                    "not checked: 1 ConfigMap reference in namespace " + other + " (not in the snapshot)");
        } finally {
            client.namespaces().withName(other).delete();
        }
    }

    @Test
    void kindsForbiddenByRbacAreCountedAsNotCheckedLive(TestCluster cluster, TestNamespace ns, @TempDir Path dir) throws Exception {
        KubernetesClient client = cluster.client();
        awaitDefaultServiceAccount(client, ns.name());
        cluster.kubectl("-n", ns.name(), "create", "secret", "generic", "db", "--from-literal=password=x");
        ns.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: api}
                spec:
                  containers:
                    - name: app
                      image: registry.example/api:1
                      env:
                        - name: DB_PASSWORD
                          valueFrom: {secretKeyRef: {name: db, key: password}}
                """);
        client.serviceAccounts().inNamespace(ns.name()).resource(new ServiceAccountBuilder()
                .withNewMetadata().withName("no-secrets").endMetadata().build()).create();
        client.rbac().roles().inNamespace(ns.name()).resource(new RoleBuilder().withNewMetadata().withName("no-secrets").endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("")
                        .withResources("pods", "events", "configmaps", "persistentvolumeclaims", "serviceaccounts")
                        .withVerbs("list").build()).build()).create();
        client.rbac().roleBindings().inNamespace(ns.name()).resource(new RoleBindingBuilder().withNewMetadata().withName("no-secrets")
                .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "no-secrets")
                .addNewSubject().withKind("ServiceAccount").withName("no-secrets").withNamespace(ns.name()).endSubject().build())
                .create();
        Path kc = dev.k8sai.cluster.KubeconfigFiles.serviceAccount(client, ns.name(), "no-secrets", dir);
        Run run = AnalyzeLiveClusterTest.analyzeWith(kc, "--filter", "pod", "-o", "json");
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("findings").findValuesAsText("reason")).doesNotContain("MissingSecret");
        JsonNode notChecked = report.get("summary").get("notChecked");
        assertThat(notChecked).hasSize(1);
        assertThat(notChecked.get(0).get("kind").asText()).isEqualTo("Secret");
        assertThat(notChecked.get(0).get("namespace").asText()).isEqualTo(ns.name());
        assertThat(notChecked.get(0).get("why").asText()).isEqualTo("forbidden");
        assertThat(run.err()).contains("skipped secrets: forbidden");
    }

    @Test
    void stuckRolloutAndUnprovisionableStatefulSetAreOneProblemEach(TestCluster cluster, TestNamespace ns) throws Exception {
        // The real controllers do the work: no kubelet makes pods ready, so the deployment controller
        // marks the 1 s deadline exceeded, and the StatefulSet's claim names a class that does not exist.
        ns.apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 1
                  progressDeadlineSeconds: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: registry.example/web:1}]}
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  replicas: 1
                  serviceName: ""
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec: {containers: [{name: db, image: registry.example/db:1}]}
                  volumeClaimTemplates:
                    - metadata: {name: data}
                      spec:
                        storageClassName: no-such-class
                        accessModes: [ReadWriteOnce]
                        resources: {requests: {storage: 1Gi}}
                """);
        JsonNode findings = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Run run = AnalyzeLiveClusterTest.analyze(cluster, "-n", ns.name(), "--filter", "deployment,statefulset", "-o", "json");
            findings = JSON.readTree(run.out()).get("findings");
            if (findings.findValuesAsText("reason").contains("ProgressDeadlineExceeded")
                    && findings.findValuesAsText("reason").contains("StorageClassNotFound")) {
                break;
            }
            Thread.sleep(1000);
        }
        assertThat(findings).hasSize(2);
        for (JsonNode f : findings) {
            String expectedCause = f.get("kind").asText().equals("Deployment") ? "ProgressDeadlineExceeded" : "StorageClassNotFound";
            assertThat(f.get("reason").asText()).isEqualTo(expectedCause);
            assertThat(f.get("related")).hasSize(1);
            assertThat(f.get("related").get(0).get("reason").asText()).isEqualTo("ReplicasUnavailable");
            assertThat(f.get("related").get(0).get("message").asText()).contains("of 1 desired");
        }
    }

    @Test
    void bearerTokenInEvidenceIsRedactedInTextJsonAndYaml(TestCluster cluster, TestNamespace ns) {
        String token = "s3cr3tT0kenValue1234567890abcdef";
        awaitDefaultServiceAccount(cluster.client(), ns.name());
        ns.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: puller}
                spec:
                  containers:
                    - name: app
                      image: registry.example/app:1
                      envFrom: [{configMapRef: {name: missing-config}}]
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: present}
                data: {a: b}
                ---
                apiVersion: v1
                kind: Event
                metadata: {name: puller.auth}
                type: Warning
                reason: FailedToRetrieveConfig
                message: "GET https://config.example/v1 failed: request had Authorization: Bearer %s"
                involvedObject: {apiVersion: v1, kind: Pod, name: puller, namespace: NS}
                """.formatted(token));
        for (String format : List.of("text", "json", "yaml")) {
            Run run = AnalyzeLiveClusterTest.analyze(cluster, "-n", ns.name(), "--filter", "pod", "-o", format, "--no-color");
            assertThat(run.out()).as(format).contains("MissingConfigMap").contains("FailedToRetrieveConfig")
                    .contains("[REDACTED:token]").doesNotContain(token);
        }
    }

    private static void createPod(TestCluster cluster, String namespace) {
        CommandResult r = cluster.kubectl("-n", namespace, "run", "app", "--image=registry.example/app:1", "--restart=Never",
                "--overrides={\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"registry.example/app:1\","
                        + "\"envFrom\":[{\"configMapRef\":{\"name\":\"app-config\"}}]}]}}");
        assertThat(r.ok()).as(r.stderr()).isTrue();
    }

    /** The service-account controller creates "default" shortly after the namespace; pods need it. */
    static void awaitDefaultServiceAccount(KubernetesClient client, String namespace) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (client.serviceAccounts().inNamespace(namespace).withName("default").get() == null) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no default ServiceAccount in " + namespace);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
