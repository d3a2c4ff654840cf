package dev.k8sai.testing.cluster;

import dev.k8sai.demo.FixtureLoader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.util.List;

/**
 * Loads realistic cluster states without a kubelet: every object is created, and then its status is
 * written through the status subresource. The loader itself is {@link FixtureLoader}, shared with
 * scripts/demo-cluster.sh.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static List<HasMetadata> apply(KubernetesClient client, String namespace, InputStream in) {
        return FixtureLoader.apply(client, namespace, in);
    }
}
