package dev.k8sai.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layer (c): the real API server's strict dry run catches what the offline schema check cannot. */
@RealCluster
class ManifestValidatorClusterTest {

    private static final String BAD_SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              labels: {app: "bad value!"}
            spec:
              selector: {app: web}
              ports: [{port: 70000, targetPort: 8080}]
            """;

    private static List<String> lines(ValidationReport r) {
        return r.problems().stream().map(ManifestProblem::toString).toList();
    }

    @Test
    void offlineCheckAcceptsWhatTheServerRejects(TestCluster cluster, TestNamespace ns) {
        Extraction e = ManifestExtractor.extract(ScriptedLlm.fenced(BAD_SERVICE));
        assertThat(ManifestValidator.offline().validate(e, ns.name()).valid()).isTrue();

        ValidationReport online = new ManifestValidator(new ClusterGateway(cluster.client())).validate(e, ns.name());
        assertThat(online.serverChecked()).isTrue();
        assertThat(online.valid()).isFalse();
        assertThat(online.problems()).allSatisfy(p -> assertThat(p.layer()).isEqualTo(ManifestProblem.Layer.SERVER));
        assertThat(lines(online)).anySatisfy(l -> assertThat(l).startsWith("Service/web: spec.ports[0].port:").contains("65535"));
        assertThat(lines(online)).anySatisfy(l -> assertThat(l).startsWith("Service/web: metadata.labels:").contains("bad value!"));
        // a dry run creates nothing
        assertThat(cluster.client().services().inNamespace(ns.name()).withName("web").get()).isNull();
    }

    @Test
    void goodManifestPassesTheServerDryRun(TestCluster cluster, TestNamespace ns) {
        Extraction e = ManifestExtractor.extract(ScriptedLlm.fenced(ManifestValidatorTest.GOOD));
        ValidationReport r = new ManifestValidator(new ClusterGateway(cluster.client())).validate(e, ns.name());
        assertThat(lines(r)).isEmpty();
        assertThat(r.valid()).isTrue();
        assertThat(cluster.client().apps().deployments().inNamespace(ns.name()).list().getItems()).isEmpty();
    }

    @Test
    void customResourceKindsAreJudgedByTheServer(TestCluster cluster, TestNamespace ns) {
        Extraction e = ManifestExtractor.extract(ScriptedLlm.fenced("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                spec: {size: 1}
                """));
        ValidationReport r = new ManifestValidator(new ClusterGateway(cluster.client())).validate(e, ns.name());
        assertThat(r.valid()).isFalse();
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.layer()).isEqualTo(ManifestProblem.Layer.SERVER);
            assertThat(p.object()).isEqualTo("Widget/w");
        });
    }

    /**
     * Unknown fields of custom resources are invisible offline. (Server-side apply rejects fields the CRD schema
     * does not declare even with fieldValidation=Warn — checked by hand — so this proves the server layer works
     * for CRs, not the Strict flag in particular.)
     */
    @Test
    void serverRejectsUnknownFieldsOfCustomResources(TestCluster cluster, TestNamespace ns) throws Exception {
        String group = ns.name() + ".example.com";
        var crd = cluster.client().apiextensions().v1().customResourceDefinitions().load(new java.io.ByteArrayInputStream("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: gadgets.%s}
                spec:
                  group: %s
                  scope: Namespaced
                  names: {plural: gadgets, singular: gadget, kind: Gadget}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            properties:
                              size: {type: integer}
                """.formatted(group, group).getBytes(java.nio.charset.StandardCharsets.UTF_8))).item();
        var created = cluster.client().resource(crd).create();
        try {
            cluster.client().resource(created).waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions() != null && c.getStatus().getConditions()
                    .stream().anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
                    30, java.util.concurrent.TimeUnit.SECONDS);
            String cr = "apiVersion: %s/v1\nkind: Gadget\nmetadata: {name: g}\nspec: {size: 2, colour: red}\n".formatted(group);
            ValidationReport r = null;
            // discovery of a fresh CRD can lag a moment behind Established
            for (int i = 0; i < 20; i++) {
                r = new ManifestValidator(new ClusterGateway(cluster.client())).validate(
                        ManifestExtractor.extract(ScriptedLlm.fenced(cr)), ns.name());
                if (lines(r).stream().anyMatch(l -> l.contains("colour"))) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(lines(r)).singleElement().satisfies(l -> assertThat(l).startsWith("Gadget/g: ").contains("colour"));
            String ok = cr.replace(", colour: red", "");
            assertThat(lines(new ManifestValidator(new ClusterGateway(cluster.client())).validate(
                    ManifestExtractor.extract(ScriptedLlm.fenced(ok)), ns.name()))).isEmpty();
        } finally {
            cluster.client().resource(created).delete();
        }
    }
}
