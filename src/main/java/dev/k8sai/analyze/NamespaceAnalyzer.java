package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Namespaces stuck in Terminating: deleted more than {@link #STUCK_AFTER} ago and still holding
 * content or finalizers, as the namespace controller reports in its conditions. Deleting a
 * namespace normally takes seconds, so younger deletions are left alone. Cluster-scoped: namespace null.
 */
public final class NamespaceAnalyzer implements Analyzer {

    static final String NAME = "namespace";
    static final Duration STUCK_AFTER = Duration.ofMinutes(5);
    /** Conditions the namespace controller sets to True while deletion cannot finish, in message order. */
    static final List<String> BLOCKING_CONDITIONS = List.of(
            "NamespaceContentRemaining", "NamespaceFinalizersRemaining", "NamespaceDeletionDiscoveryFailure",
            "NamespaceDeletionGroupVersionParsingFailure", "NamespaceDeletionContentFailure");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(Namespace.class, Event.class);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> findings = new ArrayList<>();
        for (Namespace ns : snapshot.list(Namespace.class)) {
            try {
                if (ns.getStatus() == null || !"Terminating".equals(ns.getStatus().getPhase())) {
                    continue;
                }
                Duration age = NetFindings.age(snapshot, ns.getMetadata().getDeletionTimestamp());
                if (age != null && age.compareTo(STUCK_AFTER) < 0) {
                    continue;
                }
                List<String> blockers = new ArrayList<>();
                List<NamespaceCondition> conditions = ns.getStatus().getConditions() == null ? List.of() : ns.getStatus().getConditions();
                for (String type : BLOCKING_CONDITIONS) {
                    conditions.stream().filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst()
                            .ifPresent(c -> blockers.add(type + ": " + (c.getMessage() == null ? c.getReason() : c.getMessage().strip())));
                }
                Set<String> finalizers = new LinkedHashSet<>();
                if (ns.getSpec() != null && ns.getSpec().getFinalizers() != null) {
                    finalizers.addAll(ns.getSpec().getFinalizers());
                }
                if (ns.getMetadata().getFinalizers() != null) {
                    finalizers.addAll(ns.getMetadata().getFinalizers());
                }
                if (!finalizers.isEmpty()) {
                    blockers.add("finalizers remaining: " + String.join(", ", finalizers));
                }
                if (blockers.isEmpty()) {
                    continue;
                }
                String since = age == null ? "" : " for " + NetFindings.formatAge(age);
                findings.add(NetFindings.of(snapshot, NAME, "Namespace", ns, Severity.WARNING, "StuckTerminating",
                        "namespace has been Terminating" + since + "; " + String.join("; ", blockers)
                                + (blockers.getLast().endsWith(".") ? "" : ".")));
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return findings;
    }
}
