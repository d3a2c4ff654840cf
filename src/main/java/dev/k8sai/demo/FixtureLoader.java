package dev.k8sai.demo;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
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
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
             InputStream in = Files.newInputStream(Path.of(args[2]))) {
            Namespace ns = new NamespaceBuilder().withNewMetadata().withName(args[1]).endMetadata().build();
            client.resource(ns).createOr(NonDeletingOperation::update);
            for (HasMetadata created : apply(client, args[1], in)) {
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
            Object status = statusOf(item);
            // createOr(update): some objects already exist, e.g. the "default" ServiceAccount.
            HasMetadata created = namespaced
                    ? client.resource(item).inNamespace(namespace).createOr(NonDeletingOperation::update)
                    : client.resource(item).createOr(NonDeletingOperation::update);
            if (status != null) {
                setStatus(created, status);
                created = namespaced
                        ? client.resource(created).inNamespace(namespace).updateStatus()
                        : client.resource(created).updateStatus();
            }
            uids.put(created.getKind() + "/" + created.getMetadata().getName(), created.getMetadata().getUid());
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
