package dev.k8sai.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.audit.AuditOptions.Check;
import dev.k8sai.audit.AuditResult.WorkloadLevel;
import dev.k8sai.report.Finding;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditServiceTest {

    private final AuditService service = new AuditService();

    @Test
    void reportsOnTheTopMostAuditedOwnerOnly() {
        AuditResult result = service.audit(AuditFixtures.snapshot("owners.yaml"),
                AuditOptions.defaults().withChecks(EnumSet.of(Check.PSS)));
        assertThat(result.workloads()).extracting(w -> w.kind() + "/" + w.name()).containsExactlyInAnyOrder(
                "Deployment/web", "Pod/orphan-abc", "CronJob/nightly", "StatefulSet/statefulset", "DaemonSet/daemonset");
        assertThat(result.workloads()).extracting(WorkloadLevel::level).containsOnly(PssLevel.PRIVILEGED);
        assertThat(result.report().findings()).filteredOn(f -> f.reason().equals("PssPrivileged"))
                .extracting(Finding::objectRef).containsExactlyInAnyOrder("Deployment/audit/web", "Pod/audit/orphan-abc",
                        "CronJob/audit/nightly", "StatefulSet/audit/statefulset", "DaemonSet/audit/daemonset");
    }

    @Test
    void cronJobsAreBatchAndNeedNoProbes() {
        AuditResult result = service.audit(AuditFixtures.snapshot("owners.yaml"),
                AuditOptions.defaults().withChecks(EnumSet.of(Check.MISCONFIG)));
        assertThat(result.report().findings()).noneMatch(f -> f.name().equals("nightly") && f.reason().startsWith("No") && f.reason().endsWith("Probe"));
    }

    @Test
    void privilegedLevelReportsNoPssControlButKeepsLevels() {
        AuditResult result = service.audit(AuditFixtures.snapshot("pss.yaml"),
                AuditOptions.defaults().withChecks(EnumSet.of(Check.PSS)).withLevel(PssLevel.PRIVILEGED));
        assertThat(result.report().findings()).isEmpty();
        assertThat(result.workloads()).isNotEmpty();
    }

    @Test
    void everyFindingHasTheSecurityAnalyzerAndTheSpecShape() throws Exception {
        AuditResult result = service.audit(AuditFixtures.snapshot("pss.yaml", "misconfig.yaml", "rbac.yaml"),
                AuditOptions.defaults());
        assertThat(result.report().findings()).isNotEmpty().allSatisfy(f -> assertThat(f.analyzer()).isEqualTo("security"));
        JsonNode json = new ObjectMapper().valueToTree(result.report());
        assertThat(json.fieldNames()).toIterable().containsExactly("source", "findings", "summary");
        assertThat(json.path("findings").get(0).fieldNames()).toIterable().containsExactly("analyzer", "kind", "namespace",
                "name", "severity", "reason", "message", "parent", "evidence", "explanation");
        assertThat(json.path("findings").get(0).path("severity").asText()).isEqualTo("critical");
        JsonNode full = new ObjectMapper().valueToTree(result);
        assertThat(full.path("workloads").get(0).path("level").asText()).isIn("privileged", "baseline", "restricted");
        // every code emitted is in the documented table
        assertThat(result.report().findings()).allSatisfy(f -> assertThat(ReasonCode.byCode(f.reason())).isPresent());
    }

    @Test
    void needsListsTheKindsALiveSourceMustRead() {
        assertThat(AuditService.needs(AuditOptions.defaults())).contains(Pod.class, Deployment.class, ServiceAccount.class,
                ClusterRoleBinding.class);
        assertThat(AuditService.needs(AuditOptions.defaults().withChecks(Set.of(Check.RBAC)))).doesNotContain(Pod.class);
    }

    @Test
    void levelParsing() {
        assertThat(PssLevel.parse("Baseline")).isEqualTo(PssLevel.BASELINE);
        assertThat(PssLevel.parse(" restricted ")).isEqualTo(PssLevel.RESTRICTED);
        assertThatThrownBy(() -> PssLevel.parse("strict")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown Pod Security level 'strict' (expected baseline or restricted)");
    }

    @Test
    void reasonCodesAreUniqueCamelCase() {
        List<String> codes = java.util.Arrays.stream(ReasonCode.values()).map(ReasonCode::code).toList();
        assertThat(codes).doesNotHaveDuplicates().allMatch(c -> c.matches("[A-Z][A-Za-z]+"));
    }
}
