package dev.k8sai.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.analyze.AnalyzeLiveClusterTest.Run;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic conditions analyzer on three CRDs installed into the real API server (shapes of
 * cert-manager Certificate, Argo CD Application, Flux Kustomization), read live through the CRDs'
 * served versions; a CRD group opted out; a custom kind the user may not list is a note, not an
 * error; APIs that are not installed (Gateway API, OLM) are neither listed nor mentioned.
 */
@RealCluster
class CustomResourcesClusterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KINDS = Set.of("Certificate", "Application", "Kustomization");

    @Test
    void conditionsOfThreeProjectsCustomResourcesAreReportedLive(TestCluster cluster, TestNamespace ns, @TempDir Path dir)
            throws Exception {
        KubernetesClient client = cluster.client();
        installCrds(client, ns);
        createFixtureObjects(client, ns.name());

        Run run = AnalyzeLiveClusterTest.analyze(cluster, "-n", ns.name(), "--filter", "conditions", "-o", "json");
        assertThat(run.err()).doesNotContainIgnoringCase("gateway").doesNotContain("operators.coreos.com").doesNotContain("not served");
        assertThat(run.exit()).isEqualTo(1);
        Map<String, String> bySeverity = new java.util.TreeMap<>();
        JSON.readTree(run.out()).get("findings").forEach(f -> {
            assertThat(f.get("reason").asText()).isEqualTo("ConditionFailed");
            bySeverity.put(f.get("kind").asText() + "/" + f.get("name").asText(), f.get("severity").asText());
        });
        assertThat(bySeverity).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Certificate/shop-tls", "critical",
                "Application/payments", "warning",
                "Kustomization/apps", "critical"));

        Run skipped = AnalyzeLiveClusterTest.analyze(cluster, "-n", ns.name(), "--filter", "conditions", "-o", "json",
                "--skip-crd-group", "argoproj.io,cert-manager.io");
        assertThat(JSON.readTree(skipped.out()).get("findings").findValuesAsText("name")).containsExactly("apps");

        // A user who may list the CRDs and Applications/Kustomizations, but not Certificates.
        try {
            Path kc = restrictedKubeconfig(client, ns.name(), dir);
            Run restricted = AnalyzeLiveClusterTest.analyzeWith(kc, "--filter", "conditions", "-o", "json");
            assertThat(restricted.exit()).as(restricted.err()).isEqualTo(1);
            assertThat(restricted.err()).contains("skipped certificates.cert-manager.io: forbidden");
            assertThat(JSON.readTree(restricted.out()).get("findings").findValuesAsText("name"))
                    .containsExactlyInAnyOrder("payments", "apps");
        } finally {
            client.rbac().clusterRoleBindings().withName("list-crds-" + ns.name()).delete();
            client.rbac().clusterRoles().withName("list-crds-" + ns.name()).delete();
        }
    }

    private static void installCrds(KubernetesClient client, TestNamespace ns) throws Exception {
        try (InputStream in = CustomResourcesClusterTest.class.getClassLoader().getResourceAsStream("analyze/cluster/crds.yaml")) {
            ns.apply(in);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        for (String name : List.of("certificates.cert-manager.io", "applications.argoproj.io", "kustomizations.kustomize.toolkit.fluxcd.io")) {
            while (!established(client.apiextensions().v1().customResourceDefinitions().withName(name).get())) {
                assertThat(Instant.now()).as("CRD " + name + " established").isBefore(deadline);
                Thread.sleep(200);
            }
        }
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream().anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The fixture's objects of the three kinds, in this namespace; status written as their controllers would. */
    private static void createFixtureObjects(KubernetesClient client, String namespace) throws Exception {
        List<HasMetadata> items;
        try (InputStream in = Files.newInputStream(RoundTwoAnalyzersTest.DIR.resolve("conditions.yaml"))) {
            items = client.load(in).items();
        }
        for (HasMetadata item : items) {
            if (!(item instanceof GenericKubernetesResource cr) || !KINDS.contains(cr.getKind())) {
                continue;
            }
            cr.getMetadata().setNamespace(namespace);
            Object status = cr.getAdditionalProperties().get("status");
            GenericKubernetesResource created = client.resource(cr).inNamespace(namespace).create();
            if (status != null && !"Application".equals(cr.getKind())) {
                // status subresource: the API server ignored status on create
                created.getAdditionalProperties().put("status", status);
                client.resource(created).inNamespace(namespace).updateStatus();
            }
        }
    }

    private static Path restrictedKubeconfig(KubernetesClient client, String ns, Path dir) throws Exception {
        client.serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder()
                .withNewMetadata().withName("no-certs").endMetadata().build()).create();
        client.rbac().roles().inNamespace(ns).resource(new RoleBuilder().withNewMetadata().withName("no-certs").endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("", "argoproj.io", "kustomize.toolkit.fluxcd.io")
                        .withResources("events", "applications", "kustomizations").withVerbs("list").build()).build()).create();
        client.rbac().roleBindings().inNamespace(ns).resource(new RoleBindingBuilder().withNewMetadata().withName("no-certs")
                .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "no-certs")
                .addNewSubject().withKind("ServiceAccount").withName("no-certs").withNamespace(ns).endSubject().build()).create();
        // CRDs are cluster-scoped: the built-in ClusterRole would be broader than needed, so one of our own.
        String clusterRole = "list-crds-" + ns;
        client.rbac().clusterRoles().resource(new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder()
                .withNewMetadata().withName(clusterRole).endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("apiextensions.k8s.io").withResources("customresourcedefinitions")
                        .withVerbs("list").build()).build()).create();
        client.rbac().clusterRoleBindings().resource(new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder()
                .withNewMetadata().withName(clusterRole).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRole)
                .addNewSubject().withKind("ServiceAccount").withName("no-certs").withNamespace(ns).endSubject().build()).create();
        return dev.k8sai.cluster.KubeconfigFiles.serviceAccount(client, ns, "no-certs", dir);
    }
}
