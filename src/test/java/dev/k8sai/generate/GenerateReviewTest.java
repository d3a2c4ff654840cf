package dev.k8sai.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Real-world model replies found in the review of generate (namespaces, extraction, validation). */
class GenerateReviewTest {

    private static ValidationReport validate(String reply, String namespace) {
        return ManifestValidator.offline().validate(ManifestExtractor.extract(reply), namespace);
    }

    private static List<String> lines(ValidationReport r) {
        return r.problems().stream().map(ManifestProblem::toString).toList();
    }

    @Test
    void intOrStringAndNumericQuantitiesPassTheStrictTypeCheck() {
        ValidationReport r = validate("""
                ```yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: "25%", maxSurge: 1}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: web
                        image: nginx:1.27
                        ports: [{name: http, containerPort: 8080}]
                        resources:
                          requests: {cpu: 0.5, memory: 512Mi}
                          limits: {cpu: 1, memory: 1Gi}
                        readinessProbe: {httpGet: {path: /, port: http}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  selector: {app: web}
                  ports: [{port: 80, targetPort: http}]
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: web}
                spec: {maxUnavailable: "50%", selector: {matchLabels: {app: web}}}
                ```
                """, "shop");
        assertThat(lines(r)).isEmpty();
        assertThat(r.objects()).hasSize(3);
    }

    @Test
    void nonYamlBlocksAndCommentOnlyDocumentsAreIgnored() {
        Extraction e = ManifestExtractor.extract("""
                Here you go:
                ```yaml
                # the config
                ---
                # only a comment
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ---
                ```
                Apply it with:
                ```bash
                kubectl apply -f cm.yaml
                ```
                or
                ```
                kubectl apply -f cm.yaml
                ```
                """);
        assertThat(e.problems()).isEmpty();
        assertThat(e.documents()).hasSize(1);
    }

    @Test
    void windowsLineEndingsAnchorsAndListsAreRead() {
        Extraction e = ManifestExtractor.extract(("```yaml\r\n"
                + "apiVersion: v1\r\nkind: List\r\nitems:\r\n"
                + "- apiVersion: v1\r\n  kind: ConfigMap\r\n  metadata: {name: a, labels: &l {app: x}}\r\n"
                + "- apiVersion: v1\r\n  kind: ConfigMap\r\n  metadata: {name: b, labels: *l}\r\n"
                + "```\r\n"));
        assertThat(e.problems()).isEmpty();
        assertThat(e.documents()).extracting(d -> d.at("/metadata/labels/app").asText()).containsExactly("x", "x");
    }

    @Test
    void tabsAreAParseProblemWithALine() {
        Extraction e = ManifestExtractor.extract("```yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: a\n```\n");
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("line"));
    }

    @Test
    void twoAlternativeManifestsAreWarnedAbout() {
        ValidationReport r = validate("""
                Option 1: a Deployment
                ```yaml
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                ```
                Option 2: a StatefulSet
                ```yaml
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: b}
                ```
                """, "shop");
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("2 YAML blocks"));
    }

    @Test
    void customResourcesOfflineAreNotErrorsButNotChecked() {
        ValidationReport r = validate("""
                ```yaml
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: web}
                spec: {secretName: web-tls, dnsNames: [a.example.com], issuerRef: {name: le, kind: ClusterIssuer}}
                ```
                """, "shop");
        assertThat(lines(r)).isEmpty();
        assertThat(r.valid()).isTrue();
        // Offline its scope is unknown (ClusterIssuer is cluster-scoped): the namespace stays as written.
        assertThat(r.objects()).singleElement().satisfies(o -> assertThat(o.getMetadata().getNamespace()).isNull());
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("Certificate/web").contains("not checked offline"));
    }

    @Test
    void aTypoInABuiltInGroupIsStillAnError() {
        ValidationReport r = validate("```yaml\napiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: x}\n```\n", "shop");
        assertThat(r.valid()).isFalse();
    }

    @Test
    void statusIsRejected() {
        ValidationReport r = validate("""
                ```yaml
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a}
                status: {phase: Active}
                ```
                """, "shop");
        assertThat(lines(r)).containsExactly("ConfigMap/a: status: remove status: the server sets it, manifests do not");
    }

    @Test
    void aNamespaceOtherThanTheExplicitOneIsRefused() {
        String reply = "```yaml\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default}\n```\n";
        ValidationReport r = ManifestValidator.offline().requireNamespace(true).validate(ManifestExtractor.extract(reply), "shop");
        assertThat(lines(r)).containsExactly(
                "ConfigMap/a: metadata.namespace: is \"default\" but the target namespace is \"shop\" (-n): remove metadata.namespace or set it to shop");
        // Without an explicit -n the manifest's own namespace is respected.
        ValidationReport free = validate(reply, "shop");
        assertThat(lines(free)).isEmpty();
        assertThat(free.objects().getFirst().getMetadata().getNamespace()).isEqualTo("default");
    }

    @Test
    void clusterScopedKindsNeverGetANamespace() {
        ValidationReport r = ManifestValidator.offline().requireNamespace(true).validate(ManifestExtractor.extract("""
                ```yaml
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: reader, namespace: shop}
                rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
                ---
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata: {name: fast, namespace: other}
                provisioner: example.com/fast
                ```
                """), "shop");
        assertThat(lines(r)).isEmpty();
        assertThat(r.objects()).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isNull());
    }

    @Test
    void aSecretWithLiteralValuesIsANoteThatNeverShowsTheValues() {
        ValidationReport r = validate("""
                ```yaml
                apiVersion: v1
                kind: Secret
                metadata: {name: db}
                stringData: {password: hunter2}
                ```
                """, "shop");
        assertThat(r.valid()).isTrue();
        assertThat(r.notes()).singleElement().asString().contains("Secret/db", "literal values").doesNotContain("hunter2");
    }

    @Test
    void aNamespaceCreatedByTheSameManifestsMayBeUsedDespiteAnExplicitOne() {
        ValidationReport r = ManifestValidator.offline().requireNamespace(true).validate(ManifestExtractor.extract("""
                ```yaml
                apiVersion: v1
                kind: Namespace
                metadata: {name: tools}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: a, namespace: tools}
                ```
                """), "shop");
        assertThat(lines(r)).isEmpty();
        assertThat(r.objects().get(1).getMetadata().getNamespace()).isEqualTo("tools");
    }
}
