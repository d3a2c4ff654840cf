package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Nodes that are not Ready, under a pressure condition, or cordoned. Cluster-scoped: namespace null. */
public final class NodeAnalyzer implements Analyzer {

    static final String NAME = "node";
    /** Conditions that are healthy when False; each True one is its own warning, reason = condition type. */
    static final List<String> PRESSURE_CONDITIONS = List.of("MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(Node.class, Event.class);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> findings = new ArrayList<>();
        for (Node node : snapshot.list(Node.class)) {
            try {
                List<NodeCondition> conditions = node.getStatus() == null || node.getStatus().getConditions() == null
                        ? List.of() : node.getStatus().getConditions();
                for (NodeCondition c : conditions) {
                    if ("Ready".equals(c.getType()) && ("False".equals(c.getStatus()) || "Unknown".equals(c.getStatus()))) {
                        findings.add(finding(snapshot, node, Severity.CRITICAL, "NodeNotReady",
                                "Ready is " + c.getStatus() + since(snapshot, c) + describe(c) + "."));
                    } else if (PRESSURE_CONDITIONS.contains(c.getType()) && "True".equals(c.getStatus())) {
                        findings.add(finding(snapshot, node, Severity.WARNING, c.getType(),
                                c.getType() + " is True" + since(snapshot, c) + describe(c) + "."));
                    }
                }
                if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
                    findings.add(finding(snapshot, node, Severity.INFO, "NodeCordoned",
                            "node is cordoned (spec.unschedulable=true): no new pods are scheduled on it."));
                }
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return findings;
    }

    private static String since(ClusterSnapshot snapshot, NodeCondition c) {
        Duration age = NetFindings.age(snapshot, c.getLastTransitionTime());
        return age == null ? "" : " for " + NetFindings.formatAge(age);
    }

    private static String describe(NodeCondition c) {
        List<String> parts = new ArrayList<>();
        if (c.getReason() != null && !c.getReason().isBlank()) {
            parts.add(c.getReason());
        }
        if (c.getMessage() != null && !c.getMessage().isBlank()) {
            parts.add(c.getMessage().strip());
        }
        return parts.isEmpty() ? "" : " (" + String.join(": ", parts) + ")";
    }

    private static Finding finding(ClusterSnapshot snapshot, Node node, Severity severity, String reason, String message) {
        return NetFindings.of(snapshot, NAME, "Node", node, severity, reason, message);
    }
}
