package dev.k8sai.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterTargetTest {

    private final ClusterTarget shop = new ClusterTarget(Path.of("/k/config"), "prod", "shop", false, "alice", List.of("devs", "ops"));

    @Test
    void scopeIsNullAcrossAllNamespaces() {
        assertThat(shop.scope()).isEqualTo("shop");
        assertThat(new ClusterTarget(null, null, "shop", true).scope()).isNull();
    }

    @Test
    void kindTableKnowsKubectlsNames() {
        assertThat(KnownKinds.named("po")).contains(io.fabric8.kubernetes.api.model.Pod.class);
        assertThat(KnownKinds.named("Deployments")).contains(io.fabric8.kubernetes.api.model.apps.Deployment.class);
        assertThat(KnownKinds.named("networkpolicies")).contains(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class);
        assertThat(KnownKinds.named("widgets")).isEmpty();
        assertThat(KnownKinds.clusterScoped(io.fabric8.kubernetes.api.model.Node.class)).isTrue();
        assertThat(KnownKinds.clusterScoped(io.fabric8.kubernetes.api.model.Pod.class)).isFalse();
    }
}
