package dev.k8sai.generate;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Small naming helpers shared by the generate classes. */
final class Manifests {

    private Manifests() {
    }

    /** "Deployment/redis" or "Deployment/shop/redis" when namespaced. */
    static String describe(HasMetadata o) {
        String ns = o.getMetadata() == null ? null : o.getMetadata().getNamespace();
        String name = o.getMetadata() == null ? "?" : o.getMetadata().getName();
        return o.getKind() + "/" + (ns == null ? "" : ns + "/") + name;
    }
}
