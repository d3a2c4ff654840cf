package dev.k8sai.report;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * One Kubernetes object named the way findings, parents, diagnosis targets and generate's output
 * name it: "Kind/namespace/name", or "Kind/name" when it has no namespace (cluster-scoped).
 */
public record ObjectRef(String kind, String namespace, String name) {

    public static ObjectRef of(HasMetadata object) {
        var meta = object.getMetadata();
        return new ObjectRef(object.getKind(), meta == null ? null : meta.getNamespace(), meta == null ? "?" : meta.getName());
    }

    @Override
    public String toString() {
        return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }
}
