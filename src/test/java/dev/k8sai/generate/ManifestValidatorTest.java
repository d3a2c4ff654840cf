package dev.k8sai.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestValidatorTest {

    static final String GOOD = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: redis
              labels: {app: redis}
            spec:
              replicas: 3
              selector: {matchLabels: {app: redis}}
              template:
                metadata: {labels: {app: redis}}
                spec:
                  securityContext: {runAsNonRoot: true, runAsUser: 999}
                  containers:
                  - name: redis
                    image: redis:7.4
                    ports: [{containerPort: 6379}]
                    resources:
                      requests: {cpu: 100m, memory: 128Mi}
                      limits: {cpu: 1, memory: 256Mi}
                    readinessProbe: {tcpSocket: {port: 6379}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: redis}
            spec:
              selector: {app: redis}
              ports: [{port: 6379, targetPort: 6379}]
            """;

    private static ValidationReport validate(String yaml) {
        return ManifestValidator.offline().validate(ManifestExtractor.extract("```yaml\n" + yaml + "```"), "shop");
    }

    private static List<String> lines(ValidationReport r) {
        return r.problems().stream().map(ManifestProblem::toString).toList();
    }

    @Test
    void goodManifestPassesAndGetsTheNamespace() {
        ValidationReport r = validate(GOOD);
        assertThat(lines(r)).isEmpty();
        assertThat(r.valid()).isTrue();
        assertThat(r.serverChecked()).isFalse();
        assertThat(r.objects()).hasSize(2);
        assertThat(r.objects().getFirst()).isInstanceOf(Deployment.class);
        assertThat(r.objects()).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("shop"));
    }

    @Test
    void unknownFieldIsReportedWithItsPathAndASuggestion() {
        ValidationReport r = validate(GOOD.replace("image: redis:7.4", "image: redis:7.4\n        imagePullPolicyy: Always"));
        assertThat(lines(r)).containsExactly(
                "Deployment/redis: spec.template.spec.containers[0].imagePullPolicyy: unknown field (did you mean imagePullPolicy?)");
        assertThat(r.valid()).isFalse();
    }

    @Test
    void wrongTypesAreAllReported() {
        ValidationReport r = validate(GOOD.replace("replicas: 3", "replicas: three")
                .replace("containerPort: 6379", "containerPort: \"6379\"")
                .replace("runAsNonRoot: true", "runAsNonRoot: yes-please"));
        assertThat(lines(r)).containsExactlyInAnyOrder(
                "Deployment/redis: spec.replicas: expected integer, got \"three\"",
                "Deployment/redis: spec.template.spec.containers[0].ports[0].containerPort: expected integer, got \"6379\"",
                "Deployment/redis: spec.template.spec.securityContext.runAsNonRoot: expected boolean, got \"yes-please\"");
    }

    @Test
    void numberWhereAStringBelongsIsAnError() {
        ValidationReport r = validate(GOOD.replace("labels: {app: redis}\nspec:", "labels: {app: redis, version: 2}\nspec:"));
        assertThat(lines(r)).containsExactly("Deployment/redis: metadata.labels.version: expected string, got 2");
    }

    @Test
    void missingNameAndUnknownKind() {
        ValidationReport r = validate("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {labels: {a: b}}
                ---
                apiVersion: apps/v1
                kind: Deploymnet
                metadata: {name: x}
                ---
                kind: Service
                metadata: {name: y}
                """);
        assertThat(lines(r)).containsExactly(
                "ConfigMap (document 1): metadata.name: required field missing",
                "Deploymnet/x: unknown kind Deploymnet in apiVersion apps/v1 (not a built-in Kubernetes kind; check both fields)",
                "Service/y: apiVersion: required field missing");
    }

    @Test
    void clusterScopedObjectsGetNoNamespace() {
        ValidationReport r = validate("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
        assertThat(r.valid()).isTrue();
        assertThat(r.objects().getFirst().getMetadata().getNamespace()).isNull();
    }

    @Test
    void parseProblemsAreCarriedOver() {
        ValidationReport r = ManifestValidator.offline().validate(ManifestExtractor.extract("no yaml here"), null);
        assertThat(r.valid()).isFalse();
        assertThat(r.problems()).extracting(ManifestProblem::layer).containsExactly(ManifestProblem.Layer.PARSE);
    }
}
