package dev.k8sai.demo;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a saved cluster state (such as examples/broken-shop.yaml) into a real API server that has no
 * kubelet: every object is created, then its {@code status} is written through the status subresource
 * (the API server ignores status on create), so pods can be in CrashLoopBackOff or PVCs Pending. Used
 * by the tests' fixtures and by scripts/demo-cluster.sh ({@link #main}).
 */
public final class FixtureLoader {

    private FixtureLoader() {
    }

    /** {@code java -cp k8s-ai-agent.jar dev.k8sai.demo.FixtureLoader KUBECONFIG NAMESPACE FILE}: prints one line per object. */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: FixtureLoader KUBECONFIG NAMESPACE FILE");
            System.exit(2);
        }
        Config config = Config.fromKubeconfig(null, Path.of(args[0]).toFile());
        try {
            load(config, args[1], Path.of(args[2]));
        } catch (KubernetesClientException | IOException e) {
            // one line for the person running the demo script, not a stack trace
            System.err.println("cannot load " + args[2] + ": " + e.getMessage());
            System.exit(1);
        }
    }

    private static void load(Config config, String namespace, Path file) throws IOException {
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
             InputStream in = Files.newInputStream(file)) {
            Namespace ns = new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build();
            client.resource(ns).createOr(NonDeletingOperation::update);
            for (HasMetadata created : apply(client, namespace, in)) {
                System.out.println("  " + created.getKind() + "/" + created.getMetadata().getName());
            }
        }
    }

    public static List<HasMetadata> apply(KubernetesClient client, String namespace, InputStream in) {
        List<HasMetadata> items = client.load(in).items();
        List<HasMetadata> result = new ArrayList<>();
        // Real UIDs of what this fixture created, so children point at their real owners (the garbage
        // collector deletes objects whose owner UID does not exist) and events at their real objects.
        Map<String, String> uids = new HashMap<>();
        for (HasMetadata item : items) {
            boolean namespaced = item instanceof Namespaced;
            if (namespaced) {
                item.getMetadata().setNamespace(namespace);
            }
            item.getMetadata().setUid(null);
            item.getMetadata().setResourceVersion(null);
            if (item.getMetadata().getOwnerReferences() != null) {
                // An owner the fixture did not create would make the garbage collector delete the
                // object at once, so such references are dropped; known owners get their real UID.
                List<OwnerReference> kept = new ArrayList<>();
                for (OwnerReference ref : item.getMetadata().getOwnerReferences()) {
                    String uid = uids.get(ref.getKind() + "/" + ref.getName());
                    if (uid != null) {
                        ref.setUid(uid);
                        kept.add(ref);
                    }
                }
                item.getMetadata().setOwnerReferences(kept.isEmpty() ? null : kept);
            }
            if (item instanceof Event event && event.getInvolvedObject() != null) {
                ObjectReference ref = event.getInvolvedObject();
                if (ref.getNamespace() != null) {
                    ref.setNamespace(namespace);
                }
                String uid = uids.get(ref.getKind() + "/" + ref.getName());
                ref.setUid(uid);
            }
            if (item instanceof Service service && service.getSpec() != null
                    && !"None".equals(service.getSpec().getClusterIP())) {
                // A saved Service's cluster IP belongs to the cluster it was saved from; this one allocates its own.
                service.getSpec().setClusterIP(null);
                service.getSpec().setClusterIPs(null);
            }
            Object status = statusOf(item);
            // createOr(update): some objects already exist, e.g. the "default" ServiceAccount.
            HasMetadata created = create(client, item, namespaced ? namespace : null);
            if (status != null) {
                created = writeStatus(client, created, status, namespaced ? namespace : null);
            }
            uids.put(created.getKind() + "/" + created.getMetadata().getName(), created.getMetadata().getUid());
            result.add(created);
        }
        return result;
    }

    /**
     * Creates the object, or updates it when it exists (the "default" ServiceAccount). A pod that a controller
     * made first from the same template (a StatefulSet's orders-db-0) cannot take the saved spec by an update,
     * and deleting it only makes the controller create it again: it is kept, and gets the saved status.
     */
    private static HasMetadata create(KubernetesClient client, HasMetadata item, String namespace) {
        var resource = namespace != null ? client.resource(item).inNamespace(namespace) : client.resource(item);
        try {
            return resource.createOr(NonDeletingOperation::update);
        } catch (KubernetesClientException e) {
            if (!(item instanceof Pod) || e.getCode() != 422) {
                throw e;
            }
            HasMetadata existing = resource.get();
            if (existing == null) {
                throw e; // invalid in itself, not merely made first by a controller
            }
            return existing;
        }
    }

    /**
     * Writes {@code status}; a controller (the deployment controller of the test cluster) may have updated the
     * object since it was created, so a conflict is retried on the latest version.
     */
    private static HasMetadata writeStatus(KubernetesClient client, HasMetadata object, Object status, String namespace) {
        HasMetadata latest = object;
        for (int attempt = 1; ; attempt++) {
            // The saved fields win; fields a controller already set and the save lacks stay (the server refuses,
            // e.g., a StatefulSet's collisionCount going back).
            Map<String, Object> merged = new HashMap<>();
            if (statusOf(latest) instanceof Map<?, ?> current) {
                current.forEach((k, v) -> merged.put(String.valueOf(k), v));
            }
            if (status instanceof Map<?, ?> saved) {
                saved.forEach((k, v) -> merged.put(String.valueOf(k), v));
            }
            setStatus(latest, merged);
            try {
                return namespace != null ? client.resource(latest).inNamespace(namespace).updateStatus()
                        : client.resource(latest).updateStatus();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
                HasMetadata fresh = namespace != null ? client.resource(latest).inNamespace(namespace).get() : client.resource(latest).get();
                latest = fresh != null ? fresh : latest;
            }
        }
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
