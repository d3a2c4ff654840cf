package dev.k8sai.generate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * Reviews valid generated manifests before they are shown and applied, returning warning lines (empty: nothing
 * to say). The hook for the security audit: an adapter over dev.k8sai.audit's AuditService belongs here.
 */
@FunctionalInterface
public interface ManifestReviewer {

    List<String> review(List<HasMetadata> manifests);

    ManifestReviewer NONE = manifests -> List.of();
}
