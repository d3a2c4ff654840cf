package dev.k8sai.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * A kind read without a model class (custom resources: Gateway API, OLM, any CRD's objects), named
 * by API group and kind; every served version of the kind is the same {@code ResourceKind}.
 */
public record ResourceKind(String group, String kind) {

    public ResourceKind {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(kind, "kind");
    }

    public static ResourceKind of(String apiVersion, String kind) {
        return new ResourceKind(KnownKinds.groupOf(apiVersion), kind);
    }

    public static ResourceKind of(HasMetadata object) {
        return of(object.getApiVersion(), object.getKind());
    }

    /**
     * Whether objects of this group are custom resources rather than Kubernetes' own: built-in
     * groups have no dot (apps, batch, policy) or end in ".k8s.io" — except the Gateway API, which
     * is installed as CRDs under gateway.networking.k8s.io.
     */
    public static boolean isCustomGroup(String group) {
        if (group == null || group.isEmpty() || !group.contains(".")) {
            return false;
        }
        return !group.endsWith(".k8s.io") || group.equals("gateway.networking.k8s.io");
    }

    @Override
    public String toString() {
        return group.isEmpty() ? kind : kind + "." + group;
    }
}
