package dev.k8sai.audit;

import java.util.EnumSet;
import java.util.Set;

/**
 * What {@link AuditService#audit} checks.
 *
 * @param level  the Pod Security profile whose controls are reported: BASELINE reports only baseline
 *               controls, RESTRICTED reports both (PRIVILEGED reports none); workload levels are
 *               always computed in full
 * @param checks the check families to run
 * @param trivy  how to run trivy when {@link Check#IMAGES} is selected
 */
public record AuditOptions(PssLevel level, Set<Check> checks, TrivyOptions trivy) {

    public enum Check { PSS, MISCONFIG, RBAC, IMAGES }

    public AuditOptions {
        level = level == null ? PssLevel.RESTRICTED : level;
        checks = checks == null || checks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(checks));
        trivy = trivy == null ? TrivyOptions.defaults() : trivy;
    }

    /** Restricted level, PSS + misconfiguration + RBAC; image scanning is opt-in (it pulls images). */
    public static AuditOptions defaults() {
        return new AuditOptions(PssLevel.RESTRICTED, EnumSet.of(Check.PSS, Check.MISCONFIG, Check.RBAC), null);
    }

    public AuditOptions withLevel(PssLevel newLevel) {
        return new AuditOptions(newLevel, checks, trivy);
    }

    public AuditOptions withChecks(Set<Check> newChecks) {
        return new AuditOptions(level, newChecks, trivy);
    }

    public AuditOptions withImageScan(TrivyOptions options) {
        EnumSet<Check> all = checks.isEmpty() ? EnumSet.noneOf(Check.class) : EnumSet.copyOf(checks);
        all.add(Check.IMAGES);
        return new AuditOptions(level, all, options);
    }

    public boolean has(Check check) {
        return checks.contains(check);
    }
}
