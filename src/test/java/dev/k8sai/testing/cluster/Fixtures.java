package dev.k8sai.testing.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads realistic cluster states without a kubelet: every object is created, and then its status is
 * written through the status subresource (the API server ignores status on create).
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static List<HasMetadata> apply(KubernetesClient client, String namespace, InputStream in) {
        List<HasMetadata> items = client.load(in).items();
        List<HasMetadata> result = new ArrayList<>();
        for (HasMetadata item : items) {
            boolean namespaced = item instanceof Namespaced;
            if (namespaced) {
                item.getMetadata().setNamespace(namespace);
            }
            Object status = statusOf(item);
            HasMetadata created = namespaced
                    ? client.resource(item).inNamespace(namespace).create()
                    : client.resource(item).create();
            if (status != null) {
                setStatus(created, status);
                created = namespaced
                        ? client.resource(created).inNamespace(namespace).updateStatus()
                        : client.resource(created).updateStatus();
            }
            result.add(created);
        }
        return result;
    }

    private static Object statusOf(HasMetadata item) {
        Map<String, Object> asMap = Serialization.jsonMapper().convertValue(item, Map.class);
        return asMap.get("status");
    }

    private static void setStatus(HasMetadata target, Object status) {
        try {
            var getter = target.getClass().getMethod("getStatus");
            var setter = target.getClass().getMethod("setStatus", getter.getReturnType());
            setter.invoke(target, Serialization.jsonMapper().convertValue(status, getter.getReturnType()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(target.getKind() + " has no status to write", e);
        }
    }
}
