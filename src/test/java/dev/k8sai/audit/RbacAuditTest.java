package dev.k8sai.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.audit.AuditOptions.Check;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RbacAuditTest {

    static Stream<Arguments> checks() {
        return Stream.of(
                Arguments.of("RbacWildcard", Set.of("ClusterRole/deploy-anything", "ClusterRole/all-urls"), "ClusterRole/health-urls"),
                Arguments.of("RbacSecretsRead", Set.of("Role/secret-reader", "ClusterRole/view-secrets", "ClusterRole/team-secrets"),
                        "Role/tls-reader"),
                Arguments.of("RbacPodExec", Set.of("Role/pod-exec"), "Role/pod-logs"),
                Arguments.of("RbacEscalationVerbs", Set.of("ClusterRole/impersonator"), "ClusterRole/deploy-reader"),
                Arguments.of("ClusterAdminBinding", Set.of("ClusterRoleBinding/alice-admin", "ClusterRoleBinding/everyone-admin"),
                        "ClusterRoleBinding/cluster-admin"),
                Arguments.of("RbacBroadSubject", Set.of("ClusterRoleBinding/anon-edit", "RoleBinding/all-sa-secrets"),
                        "ClusterRoleBinding/everyone-reads-deployments"));
    }

    private static List<Finding> findings;
    private static Map<String, Set<String>> fired;

    @BeforeAll
    static void audit() {
        findings = new AuditService().audit(AuditFixtures.snapshot("rbac.yaml"),
                AuditOptions.defaults().withChecks(EnumSet.of(Check.RBAC))).report().findings();
        fired = AuditFixtures.firedOn(findings);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void checkFiresExactlyOnTheRiskyObject(String code, Set<String> expected, String twin) {
        assertThat(fired.get(code)).isEqualTo(expected).doesNotContain(twin);
    }

    @Test
    void onlyTheTabledCodesFire() {
        assertThat(fired.keySet()).containsExactlyInAnyOrder(
                checks().map(a -> (String) a.get()[0]).toArray(String[]::new));
    }

    @Test
    void defaultRolesAndSystemSubjectsAreNotReported() {
        assertThat(findings).noneMatch(f -> f.name().equals("cluster-admin") || f.name().startsWith("system:")
                || f.name().equals("kube-system-admin"));
    }

    @Test
    void messagesNameTheRuleAndTheBoundSubjects() {
        assertThat(message("secret-reader", "RbacSecretsRead"))
                .isEqualTo("can read secrets via rule 1 (verbs [get, list], resources [secrets], apiGroups [\"\"]); bound to ServiceAccount audit/app, Group system:serviceaccounts");
        assertThat(message("impersonator", "RbacEscalationVerbs"))
                .isEqualTo("grants the impersonate, escalate, bind verbs; bound to Group ops, User bob (in audit)");
        assertThat(message("deploy-anything", "RbacWildcard")).endsWith("; not bound to any subject");
        Finding admin = findings.stream().filter(f -> f.name().equals("alice-admin")).findFirst().orElseThrow();
        assertThat(admin.message()).isEqualTo("binds cluster-admin to User alice, ServiceAccount tools/ci");
        assertThat(admin.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(admin.namespace()).isNull();
        assertThat(admin.parent()).isEqualTo("ClusterRole/cluster-admin");
    }

    @Test
    void broadSubjectsAreNamedWithTheRisksOfTheRole() {
        assertThat(message("everyone-admin", "ClusterAdminBinding")).isEqualTo("binds cluster-admin to Group system:authenticated");
        assertThat(message("anon-edit", "RbacBroadSubject"))
                .isEqualTo("binds ClusterRole edit (a default role with write access) to Group system:unauthenticated");
        assertThat(message("all-sa-secrets", "RbacBroadSubject"))
                .isEqualTo("binds Role secret-reader (RbacSecretsRead) to Group system:serviceaccounts");
        Finding f = findings.stream().filter(x -> x.name().equals("all-sa-secrets")).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.namespace()).isEqualTo("audit");
        assertThat(f.parent()).isEqualTo("Role/audit/secret-reader");
    }

    @Test
    void systemSubjectsAreNotBroadButEveryoneGroupsAre() {
        assertThat(RbacAudit.isSystem(subject("Group", "system:masters"))).isTrue();
        assertThat(RbacAudit.isSystem(subject("User", "system:kube-controller-manager"))).isTrue();
        assertThat(RbacAudit.isSystem(subject("User", "system:serviceaccount:kube-system:generic-garbage-collector"))).isTrue();
        for (Subject s : List.of(subject("Group", "system:authenticated"), subject("Group", "system:unauthenticated"),
                subject("User", "system:anonymous"), subject("Group", "system:serviceaccounts"),
                subject("Group", "system:serviceaccounts:team-a"), subject("User", "system:serviceaccount:team-a:ci"))) {
            assertThat(RbacAudit.isSystem(s)).as(s.getName()).isFalse();
        }
    }

    private static Subject subject(String kind, String name) {
        return new SubjectBuilder().withKind(kind).withName(name).build();
    }

    @Test
    void aggregatedRolesNameTheRoleTheyFlowInto() {
        assertThat(message("view-secrets", "RbacSecretsRead")).endsWith("; aggregated into ClusterRole view");
        assertThat(message("team-secrets", "RbacSecretsRead")).endsWith("(verbs [get], resources [secrets], apiGroups [\"\"]); aggregated into ClusterRole aggregated-empty");
    }

    @Test
    void namespacedRolesKeepTheirNamespace() {
        Finding f = findings.stream().filter(x -> x.name().equals("pod-exec")).findFirst().orElseThrow();
        assertThat(f.namespace()).isEqualTo("audit");
        assertThat(f.kind()).isEqualTo("Role");
    }

    private static String message(String name, String code) {
        return findings.stream().filter(f -> f.name().equals(name) && f.reason().equals(code))
                .findFirst().orElseThrow().message();
    }

    @Test
    void nullListElementsOfAFileSnapshotDoNotCrashTheAudit() {
        Map<String, Set<String>> nulls = AuditFixtures.firedOn(new AuditService().audit(AuditFixtures.snapshot("nulls.yaml"),
                AuditOptions.defaults().withChecks(EnumSet.of(Check.PSS, Check.MISCONFIG, Check.RBAC))).report().findings());
        assertThat(nulls.get("RbacSecretsRead")).containsExactly("ClusterRole/null-rule");
        assertThat(nulls.get("ClusterAdminBinding")).containsExactly("ClusterRoleBinding/null-subject");
        assertThat(nulls.get("PssCapabilities")).containsExactly("Pod/null-elements");
    }
}
