package dev.k8sai.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterTargetTest {

    private final ClusterTarget shop = new ClusterTarget(Path.of("/k/config"), "prod", "shop", false, "alice", List.of("devs", "ops"));

    @Test
    void kubectlGetsClusterAndIdentityFromTheTarget() {
        assertThat(shop.kubectlFlags()).containsExactly("--kubeconfig=/k/config", "--context=prod", "--as=alice",
                "--as-group=devs", "--as-group=ops");
        assertThat(ClusterTarget.defaults().kubectlFlags()).isEmpty();
    }

    @Test
    void namespaceIsAddedUnlessTheCommandNamesOneOrAll() {
        assertThat(shop.namespaceFlags(List.of("get", "pods"))).containsExactly("--namespace=shop");
        for (List<String> own : List.of(List.of("get", "pods", "-n", "kube-system"), List.of("get", "pods", "--namespace=x"),
                List.of("get", "pods", "-nx"), List.of("get", "pods", "-A"), List.of("get", "pods", "--all-namespaces"))) {
            assertThat(shop.namespaceFlags(own)).as(own.toString()).isEmpty();
        }
        // After "--" the words belong to the program run in a container, not to kubectl.
        assertThat(shop.namespaceFlags(List.of("exec", "web", "--", "ls", "-n"))).containsExactly("--namespace=shop");
        assertThat(new ClusterTarget(null, null, "shop", true).namespaceFlags(List.of("get", "pods"))).isEmpty();
        assertThat(ClusterTarget.defaults().namespaceFlags(List.of("get", "pods"))).isEmpty();
    }

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
