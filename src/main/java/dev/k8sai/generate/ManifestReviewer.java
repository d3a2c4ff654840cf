package dev.k8sai.generate;

import dev.k8sai.audit.AuditOptions;
import dev.k8sai.audit.AuditService;
import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.List;

/**
 * Reviews valid generated manifests before they are shown and applied; the findings are shown as warnings and
 * never block (the user asked for these objects and decides).
 */
@FunctionalInterface
public interface ManifestReviewer {

    List<Finding> review(List<HasMetadata> manifests);

    ManifestReviewer NONE = manifests -> List.of();

    /**
     * The security audit (Pod Security Standards, misconfigurations, RBAC risks; no image scan: that pulls
     * images) over a snapshot holding only the generated objects. Their kinds are marked collected so that
     * references between generated objects are checked, while references to kinds not generated (most likely
     * already in the cluster) stay silent, as the snapshot contract requires.
     */
    static ManifestReviewer audit() {
        return manifests -> {
            ClusterSnapshot.Builder builder = ClusterSnapshot.builder("generated manifests", Instant.now());
            for (HasMetadata o : manifests) {
                builder.collected(o.getClass());
            }
            ClusterSnapshot snapshot = builder.addAll(manifests).build();
            return new AuditService().audit(snapshot, AuditOptions.defaults()).report().findings();
        };
    }
}
