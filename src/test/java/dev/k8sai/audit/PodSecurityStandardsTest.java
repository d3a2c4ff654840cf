package dev.k8sai.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.audit.AuditOptions.Check;
import dev.k8sai.audit.AuditResult.WorkloadLevel;
import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodSecurityStandardsTest {

    /** Every PSS control, the fixture pods that violate it, and the compliant twin that must not fire it. */
    static Stream<Arguments> controls() {
        return Stream.of(
                Arguments.of("PssHostProcess", Set.of("host-process"), "host-process-ok"),
                Arguments.of("PssHostNamespaces", Set.of("host-network", "host-pid", "host-ipc"), "host-network-ok"),
                Arguments.of("PssPrivileged", Set.of("privileged", "init-privileged", "ephemeral-privileged"), "privileged-ok"),
                Arguments.of("PssCapabilities", Set.of("cap-net-admin"), "cap-net-bind"),
                Arguments.of("PssHostPathVolumes", Set.of("host-path"), "empty-dir"),
                Arguments.of("PssHostPorts", Set.of("host-port", "host-network"), "host-port-ok"),
                Arguments.of("PssHostProbes", Set.of("host-probe", "host-lifecycle"), "host-probe-ok"),
                Arguments.of("PssAppArmor", Set.of("apparmor-unconfined", "apparmor-annotation"), "apparmor-ok"),
                Arguments.of("PssSELinux", Set.of("selinux-type", "selinux-user"), "selinux-ok"),
                Arguments.of("PssProcMount", Set.of("proc-mount"), "proc-mount-ok"),
                Arguments.of("PssSeccompUnconfined", Set.of("seccomp-unconfined"), "seccomp-localhost"),
                Arguments.of("PssSysctls", Set.of("sysctl-unsafe"), "sysctl-safe"),
                Arguments.of("PssVolumeTypes", Set.of("volume-nfs"), "volume-pvc"),
                Arguments.of("PssPrivilegeEscalation", Set.of("allow-escalation", "privileged", "init-privileged", "ephemeral-privileged"), "windows"),
                Arguments.of("PssRunAsNonRoot", Set.of("non-root-unset"), "non-root-container"),
                Arguments.of("PssRunAsRootUser", Set.of("run-as-root"), "run-as-user"),
                Arguments.of("PssSeccompMissing", Set.of("seccomp-missing"), "seccomp-container"),
                Arguments.of("PssCapabilitiesDropAll", Set.of("no-drop-all"), "windows"),
                Arguments.of("PssCapabilitiesRestricted", Set.of("cap-chown"), "cap-net-bind"));
    }

    private static ClusterSnapshot snapshot;
    private static AuditResult result;
    private static Map<String, Set<String>> fired;

    @BeforeAll
    static void audit() {
        snapshot = AuditFixtures.snapshot("pss.yaml");
        result = new AuditService().audit(snapshot, AuditOptions.defaults().withChecks(EnumSet.of(Check.PSS)));
        fired = AuditFixtures.firedOn(result.report().findings());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controls")
    void controlFiresExactlyOnItsViolators(String code, Set<String> violators, String twin) {
        Set<String> expected = violators.stream().map(n -> "Pod/" + n).collect(Collectors.toCollection(TreeSet::new));
        assertThat(fired.getOrDefault(code, Set.of())).as(code).isEqualTo(expected);
        assertThat(fired.getOrDefault(code, Set.of())).doesNotContain("Pod/" + twin);
    }

    @Test
    void everyPssReasonCodeIsCoveredByTheTable() {
        Set<String> tabled = controls().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        Set<String> pssCodes = Stream.of(ReasonCode.values()).filter(r -> r.pssLevel() != null)
                .map(ReasonCode::code).collect(Collectors.toSet());
        assertThat(tabled).isEqualTo(pssCodes);
        assertThat(fired.keySet()).isSubsetOf(pssCodes);
    }

    @Test
    void twinsAndTheCleanPodHaveNoFindingAtAll() {
        Set<String> twins = new TreeSet<>(controls().map(a -> "Pod/" + a.get()[2]).toList());
        twins.add("Pod/clean");
        Set<String> withFindings = result.report().findings().stream().map(f -> f.kind() + "/" + f.name())
                .collect(Collectors.toSet());
        assertThat(withFindings).doesNotContainAnyElementsOf(twins);
    }

    @Test
    void levelsFollowTheMostSevereViolatedProfile() {
        Map<String, PssLevel> levels = result.workloads().stream()
                .collect(Collectors.toMap(WorkloadLevel::name, WorkloadLevel::level, (a, b) -> a, TreeMap::new));
        assertThat(levels).hasSize(46);
        assertThat(levels).containsEntry("clean", PssLevel.RESTRICTED)
                .containsEntry("windows", PssLevel.RESTRICTED)
                .containsEntry("cap-net-bind", PssLevel.RESTRICTED)
                .containsEntry("privileged", PssLevel.PRIVILEGED)
                .containsEntry("host-path", PssLevel.PRIVILEGED)
                .containsEntry("seccomp-unconfined", PssLevel.PRIVILEGED)
                .containsEntry("cap-chown", PssLevel.BASELINE)
                .containsEntry("non-root-unset", PssLevel.BASELINE)
                .containsEntry("volume-nfs", PssLevel.BASELINE)
                .containsEntry("run-as-root", PssLevel.BASELINE);
        WorkloadLevel ephemeral = result.workloads().stream().filter(w -> w.name().equals("ephemeral-privileged")).findFirst().orElseThrow();
        assertThat(ephemeral.violations()).containsExactly("PssPrivileged", "PssPrivilegeEscalation");
    }

    @Test
    void baselineLevelReportsOnlyBaselineControlsButStillComputesFullLevels() {
        AuditResult baseline = new AuditService().audit(snapshot,
                AuditOptions.defaults().withChecks(EnumSet.of(Check.PSS)).withLevel(PssLevel.BASELINE));
        Set<String> codes = baseline.report().findings().stream().map(Finding::reason).collect(Collectors.toSet());
        assertThat(codes).contains("PssPrivileged", "PssHostPathVolumes")
                .doesNotContain("PssRunAsNonRoot", "PssSeccompMissing", "PssCapabilitiesRestricted", "PssVolumeTypes");
        assertThat(baseline.workloads()).isEqualTo(result.workloads());
    }

    @Test
    void messagesNameTheOffendingContainerAndValue() {
        assertThat(message("Pod/host-path", "PssHostPathVolumes")).isEqualTo("hostPath volume docker (/var/run/docker.sock)");
        assertThat(message("Pod/init-privileged", "PssPrivileged")).isEqualTo("securityContext.privileged is true for init container setup");
        assertThat(message("Pod/ephemeral-privileged", "PssPrivileged")).contains("ephemeral container debug");
        assertThat(message("Pod/cap-net-admin", "PssCapabilities")).contains("container app adds NET_ADMIN");
        assertThat(message("Pod/volume-nfs", "PssVolumeTypes")).contains("shared (nfs)");
        assertThat(message("Pod/apparmor-annotation", "PssAppArmor"))
                .isEqualTo("annotation container.apparmor.security.beta.kubernetes.io/app=unconfined");
        assertThat(message("Pod/host-network", "PssHostNamespaces")).isEqualTo("pod sets hostNetwork to true");
    }

    @Test
    void severitiesFollowThePolicy() {
        for (Finding f : result.report().findings()) {
            ReasonCode code = ReasonCode.byCode(f.reason()).orElseThrow();
            assertThat(f.severity()).isEqualTo(code.severity());
            assertThat(f.analyzer()).isEqualTo("security");
            if (code.pssLevel() == PssLevel.RESTRICTED) {
                assertThat(f.severity()).isIn(Severity.WARNING, Severity.INFO);
            }
        }
        assertThat(ReasonCode.PSS_PRIVILEGED.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aVolumeWithoutSourceIsTheDefaultedEmptyDir() {
        Volume bare = new VolumeBuilder().withName("scratch").build();
        assertThat(PodSecurityStandards.volumeType(bare)).isEqualTo("emptyDir");
        assertThat(PodSecurityStandards.volumeType(new VolumeBuilder().withName("n")
                .withNewNfs().withServer("nfs").withPath("/x").endNfs().build())).isEqualTo("nfs");
    }

    private static String message(String ref, String code) {
        List<Finding> matches = result.report().findings().stream()
                .filter(f -> (f.kind() + "/" + f.name()).equals(ref) && f.reason().equals(code)).toList();
        assertThat(matches).hasSize(1);
        return matches.get(0).message();
    }
}
