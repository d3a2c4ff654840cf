package dev.k8sai.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.audit.AuditOptions.Check;
import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MisconfigurationTest {

    static Stream<Arguments> checks() {
        return Stream.of(
                Arguments.of("NoResourceRequests", Set.of("Pod/no-requests"), "Pod/clean"),
                Arguments.of("NoResourceLimits", Set.of("Pod/no-limits", "Pod/no-requests"), "Pod/clean"),
                Arguments.of("NoLivenessProbe", Set.of("Pod/no-liveness"), "Pod/one-shot"),
                Arguments.of("NoReadinessProbe", Set.of("Pod/no-readiness"), "Job/migrate"),
                Arguments.of("LatestImageTag", Set.of("Pod/latest-tag", "Pod/untagged"), "Pod/registry-port"),
                Arguments.of("SecretInEnv", Set.of("Pod/secret-env", "Pod/api-key-env"), "Pod/env-ok"),
                Arguments.of("AutomountServiceAccountToken", Set.of("Pod/automount-pod", "Pod/automount-sa"), "Pod/automount-sa-off"),
                Arguments.of("DefaultServiceAccount", Set.of("Pod/default-sa"), "Pod/clean"),
                Arguments.of("WritableRootFilesystem", Set.of("Pod/writable-root"), "Pod/clean"));
    }

    private static List<Finding> findings;
    private static Map<String, Set<String>> fired;

    @BeforeAll
    static void audit() {
        findings = new AuditService().audit(AuditFixtures.snapshot("misconfig.yaml"),
                AuditOptions.defaults().withChecks(EnumSet.of(Check.MISCONFIG))).report().findings();
        fired = AuditFixtures.firedOn(findings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void checkFiresExactlyOnItsViolators(String code, Set<String> expected, String twin) {
        assertThat(fired.get(code)).isEqualTo(expected).doesNotContain(twin);
    }

    @Test
    void onlyViolatorsHaveFindings() {
        Set<String> violators = checks().flatMap(a -> ((Set<?>) a.get()[1]).stream()).map(String::valueOf)
                .collect(Collectors.toSet());
        assertThat(fired.values().stream().flatMap(Set::stream).collect(Collectors.toSet())).isEqualTo(violators);
        assertThat(fired.keySet()).hasSize((int) checks().count());
    }

    @Test
    void secretValuesNeverAppearInFindings() {
        assertThat(findings).allSatisfy(f -> assertThat(f.message()).doesNotContain("hunter2").doesNotContain("sk_test"));
        assertThat(findings.stream().filter(f -> f.name().equals("secret-env")).findFirst().orElseThrow().message())
                .isEqualTo("literal value for credential-like container app env DB_PASSWORD");
    }

    @Test
    void automountStaysSilentWhenServiceAccountsWereNotCollected() {
        List<HasMetadata> withoutAccounts = AuditFixtures.load("misconfig.yaml").stream()
                .filter(o -> !(o instanceof ServiceAccount)).toList();
        ClusterSnapshot snapshot = ClusterSnapshot.builder("x", AuditFixtures.NOW).addAll(withoutAccounts).build();
        List<Finding> result = new AuditService().audit(snapshot,
                AuditOptions.defaults().withChecks(EnumSet.of(Check.MISCONFIG))).report().findings();
        assertThat(result.stream().filter(f -> f.reason().equals("AutomountServiceAccountToken")).map(Finding::name))
                .containsExactly("automount-pod");
    }

    @ParameterizedTest
    @CsvSource({
            "nginx, has no tag (resolves to :latest)",
            "nginx:latest, uses :latest",
            "localhost:5000/app, has no tag (resolves to :latest)",
            "localhost:5000/app:latest, uses :latest",
            "localhost:5000/app:1.0, ",
            "nginx:1.27, ",
            "nginx@sha256:abc, ",
    })
    void imageTags(String image, String problem) {
        assertThat(Misconfigurations.imageTagProblem(image).orElse(null)).isEqualTo(problem);
    }

    @ParameterizedTest
    @CsvSource({
            "DB_PASSWORD, s3cret, true",
            "API_KEY, abc, true",
            "githubToken, ghp_x, true",
            "AWS_SECRET_ACCESS_KEY, wJalr, true",
            "PASSWORD_FILE, /run/secrets/p, false",
            "TOKEN_TTL, 3600, false",
            "ENABLE_TOKEN, true, false",
            "KEYCLOAK_URL, http://kc, false",
            "MONKEY, banana, false",
            "AWS_ACCESS_KEY_ID, AKIA, false",
            // $(VAR) is expanded by the kubelet from another env var (e.g. a secretKeyRef): no literal
            "DSN_PASSWORD, $(DB_PASSWORD), false",
            "AUTH_TOKEN, '$(USER):$(PASS)', false",
            "AUTH_TOKEN, 'x$(PASS)', true",
    })
    void credentialNames(String name, String value, boolean credential) {
        assertThat(Misconfigurations.looksLikeCredential(name, value)).isEqualTo(credential);
    }
}
