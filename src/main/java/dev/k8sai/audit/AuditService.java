package dev.k8sai.audit;

import dev.k8sai.audit.AuditOptions.Check;
import dev.k8sai.audit.AuditResult.WorkloadLevel;
import dev.k8sai.audit.ImageScan.Scanned;
import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The security audit: Pod Security Standards, workload misconfigurations, RBAC risks and (opt-in)
 * image vulnerabilities, over one {@link ClusterSnapshot}. Pure apart from running trivy, so a live
 * cluster and a snapshot file yield the same findings.
 */
public final class AuditService {

    /** The {@code analyzer} of every audit finding. */
    public static final String ANALYZER = "security";

    /** The kinds a live source must LIST for these options. */
    public static Set<Class<? extends HasMetadata>> needs(AuditOptions options) {
        Set<Class<? extends HasMetadata>> kinds = new HashSet<>();
        if (options.has(Check.PSS) || options.has(Check.MISCONFIG) || options.has(Check.IMAGES)) {
            kinds.addAll(Workloads.KINDS);
        }
        if (options.has(Check.MISCONFIG)) {
            kinds.add(ServiceAccount.class);
        }
        if (options.has(Check.RBAC)) {
            kinds.addAll(Set.of(Role.class, ClusterRole.class, RoleBinding.class, ClusterRoleBinding.class));
        }
        return kinds;
    }

    public AuditResult audit(ClusterSnapshot snapshot, AuditOptions options) {
        List<Finding> findings = new ArrayList<>();
        List<WorkloadLevel> levels = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Workload> workloads = Workloads.from(snapshot);

        for (Workload w : workloads) {
            if (options.has(Check.PSS)) {
                List<PodSecurityStandards.Violation> violations = PodSecurityStandards.evaluate(w);
                levels.add(new WorkloadLevel(w.kind(), w.namespace(), w.name(),
                        PodSecurityStandards.levelOf(violations),
                        violations.stream().map(v -> v.code().code()).toList()));
                for (PodSecurityStandards.Violation v : violations) {
                    if (reported(v.code().pssLevel(), options.level())) {
                        findings.add(finding(w, v.code(), v.code().severity(), v.message()));
                    }
                }
            }
            if (options.has(Check.MISCONFIG)) {
                for (Misconfigurations.Issue issue : Misconfigurations.evaluate(w, snapshot)) {
                    findings.add(finding(w, issue.code(), issue.code().severity(), issue.message()));
                }
            }
        }
        if (options.has(Check.RBAC)) {
            findings.addAll(RbacAudit.audit(snapshot));
        }
        List<ImageScan> scans = new ArrayList<>();
        if (options.has(Check.IMAGES)) {
            scanImages(workloads, new TrivyScanner(options.trivy()), findings, scans, notes);
        }
        levels.sort(Comparator.comparing(WorkloadLevel::namespace).thenComparing(WorkloadLevel::kind)
                .thenComparing(WorkloadLevel::name));
        return new AuditResult(FindingsReport.of(snapshot.source(), findings), levels, scans, notes);
    }

    /** Baseline controls are reported at both levels; restricted-only controls at restricted only. */
    private static boolean reported(PssLevel control, PssLevel selected) {
        return selected.ordinal() >= control.ordinal();
    }

    private static Finding finding(Workload w, ReasonCode code, Severity severity, String message) {
        return Finding.of(ANALYZER, w.kind(), w.namespace(), w.name(), severity, code.code(), message);
    }

    private static void scanImages(List<Workload> workloads, TrivyScanner scanner, List<Finding> findings,
                                   List<ImageScan> scans, List<String> notes) {
        if (!scanner.available()) {
            notes.add(TrivyScanner.NOT_FOUND_NOTE);
            return;
        }
        // Each distinct image is scanned once, however many workloads run it.
        Map<String, List<Workload>> byImage = new LinkedHashMap<>();
        for (Workload w : workloads) {
            w.containers().stream().map(Workload.ContainerView::image).filter(i -> i != null && !i.isBlank())
                    .distinct().forEach(i -> byImage.computeIfAbsent(i, k -> new ArrayList<>()).add(w));
        }
        for (Map.Entry<String, List<Workload>> e : byImage.entrySet()) {
            ImageScan scan = scanner.scan(e.getKey());
            scans.add(scan);
            switch (scan) {
                case ImageScan.Failed failed -> notes.add("image scan failed for " + failed.image() + ": " + failed.reason());
                case Scanned scanned -> {
                    if (scanned.total() == 0) {
                        continue;
                    }
                    for (Workload w : e.getValue()) {
                        findings.add(finding(w, ReasonCode.IMAGE_VULNERABILITIES, severityOf(scanned), message(scanned))
                                .withEvidence(scanned.top().stream().map(ImageScan.Vulnerability::describe).toList()));
                    }
                }
            }
        }
    }

    /** critical with any CRITICAL, warning with any HIGH, info otherwise. */
    static Severity severityOf(Scanned scan) {
        if (scan.count("CRITICAL") > 0) {
            return Severity.CRITICAL;
        }
        return scan.count("HIGH") > 0 ? Severity.WARNING : Severity.INFO;
    }

    static String message(Scanned scan) {
        List<String> parts = new ArrayList<>();
        scan.counts().forEach((severity, count) -> {
            if (count > 0) {
                parts.add(count + " " + severity);
            }
        });
        return "image " + scan.image() + " has " + scan.total() + " known vulnerabilities (" + String.join(", ", parts) + ")";
    }
}
