package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * ResourceQuotas at or over a hard limit (status.used >= status.hard, compared numerically so
 * "2048Mi" equals "2Gi"). A limit of 0 with nothing used is a deliberate ban (e.g.
 * services.loadbalancers: 0), not exhaustion, and is not reported. One finding per quota.
 */
public final class QuotaAnalyzer implements Analyzer {

    static final String NAME = "quota";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(ResourceQuota.class, Event.class);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> findings = new ArrayList<>();
        for (ResourceQuota quota : snapshot.list(ResourceQuota.class)) {
            try {
                if (quota.getStatus() == null || quota.getStatus().getHard() == null || quota.getStatus().getUsed() == null) {
                    continue; // the quota controller has not computed usage yet
                }
                Map<String, Quantity> used = quota.getStatus().getUsed();
                List<String> full = new ArrayList<>();
                new TreeMap<>(quota.getStatus().getHard()).forEach((resource, hard) -> {
                    Quantity u = used.get(resource);
                    BigDecimal h = amount(hard);
                    BigDecimal n = amount(u);
                    if (h == null || n == null || (h.signum() == 0 && n.signum() == 0)) {
                        return;
                    }
                    if (n.compareTo(h) >= 0) {
                        full.add(resource + " " + u + "/" + hard);
                    }
                });
                if (!full.isEmpty()) {
                    findings.add(NetFindings.of(snapshot, NAME, "ResourceQuota", quota, Severity.WARNING, "QuotaExceeded",
                            "quota is at or over its hard limit for " + NetFindings.count(full.size(), "resource") + " (used/hard): "
                                    + String.join(", ", full) + "; new objects needing them are rejected."));
                }
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return findings;
    }

    private static BigDecimal amount(Quantity q) {
        if (q == null) {
            return null;
        }
        try {
            return q.getNumericalAmount();
        } catch (ArithmeticException | IllegalArgumentException e) {
            return null; // a malformed quantity is the API server's problem, not a quota finding
        }
    }
}
