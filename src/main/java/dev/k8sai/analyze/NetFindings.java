package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** Builds findings for the network/storage/cluster analyzers: namespace, parent and Warning-event evidence filled in one place. */
final class NetFindings {

    private NetFindings() {
    }

    /** A finding on {@code object}; namespace is null for cluster-scoped kinds, evidence is its Warning events. */
    static Finding of(ClusterSnapshot snapshot, String analyzer, String kind, HasMetadata object,
                      Severity severity, String reason, String message) {
        String namespace = ClusterSnapshot.namespaceOrNull(object);
        return Finding.of(analyzer, kind, namespace, object.getMetadata().getName(), severity, reason, message)
                .withParent(namespace == null ? null : Owners.parentOf(snapshot, object))
                .withEvidence(Evidence.warningEvents(snapshot, object));
    }

    /** Age of an RFC 3339 timestamp at the snapshot's clock, or null when absent or unparsable. */
    static java.time.Duration age(ClusterSnapshot snapshot, String timestamp) {
        return WorkloadSupport.age(snapshot, timestamp);
    }

    /** kubectl-style age: "45s", "12m", "3h5m", "2d4h". */
    static String formatAge(java.time.Duration d) {
        return WorkloadSupport.human(d);
    }

    /** "1 pod" / "3 pods". */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
