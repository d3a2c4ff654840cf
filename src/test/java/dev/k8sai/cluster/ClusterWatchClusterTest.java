package dev.k8sai.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch cache's informers on the real API server: what RBAC forbids, and an informer that stops. */
@RealCluster
class ClusterWatchClusterTest {

    @Test
    void kindsTheServerMayNotWatchAreListedPerRequestWithTheClisNotes(TestCluster cluster, TestNamespace ns,
                                                                     @TempDir Path dir) throws Exception {
        ns.apply(LiveSnapshotSourceClusterTest.FIXTURE.replace("NS", ns.name()));
        var admin = cluster.client();
        String sa = "cache-reader";
        admin.serviceAccounts().inNamespace(ns.name()).resource(new ServiceAccountBuilder()
                .withNewMetadata().withName(sa).endMetadata().build()).create();
        // pods: only in this namespace (the cluster-wide watch is refused); config maps: everywhere
        admin.rbac().roles().inNamespace(ns.name()).resource(new RoleBuilder().withNewMetadata().withName(sa).endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("pods").withVerbs("list", "watch").build())
                .build()).create();
        admin.rbac().roleBindings().inNamespace(ns.name()).resource(new RoleBindingBuilder().withNewMetadata().withName(sa)
                .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", sa)
                .addNewSubject().withKind("ServiceAccount").withName(sa).withNamespace(ns.name()).endSubject().build()).create();
        String clusterRole = ns.name() + "-configmaps";
        admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName(clusterRole).endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("configmaps").withVerbs("list", "watch").build())
                .build()).create();
        admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(clusterRole)
                .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRole)
                .addNewSubject().withKind("ServiceAccount").withName(sa).withNamespace(ns.name()).endSubject().build()).create();
        try {
            Path kc = KubeconfigFiles.serviceAccount(admin, ns.name(), sa, dir);
            Set<Class<? extends HasMetadata>> kinds = Set.of(Pod.class, Secret.class, Node.class, ConfigMap.class);
            try (WatchCache cache = new WatchCache(java.util.Map.of());
                 KubeConnection c = KubeClients.connect(kc, null)) {
                ClusterTarget target = new ClusterTarget(kc, null, ns.name(), false);
                WatchCache.Read read = cache.read(target, kinds, null, null);
                LiveSnapshotSource.Result listed = new LiveSnapshotSource(c).collect(kinds, ns.name(), null);

                assertThat(read.origin().source()).isEqualTo(SnapshotOrigin.MIXED);
                assertThat(read.origin().listed()).containsExactlyInAnyOrder("pods", "secrets", "nodes");
                assertThat(read.notes()).containsExactlyInAnyOrderElementsOf(listed.notes()).hasSize(2);
                assertThat(read.snapshot().list(Pod.class)).extracting(p -> p.getMetadata().getName())
                        .containsExactlyElementsOf(listed.snapshot().list(Pod.class).stream().map(p -> p.getMetadata().getName()).toList());
                assertThat(read.snapshot().list(ConfigMap.class)).extracting(m -> m.getMetadata().getName())
                        .contains("frontend-config")
                        .containsExactlyElementsOf(listed.snapshot().list(ConfigMap.class).stream().map(m -> m.getMetadata().getName()).toList());
                assertThat(read.snapshot().collected(Secret.class)).isFalse();
                assertThat(read.snapshot().unjudged(Secret.class, ns.name())).isEqualTo(listed.snapshot().unjudged(Secret.class, ns.name()));
                assertThat(cache.informers()).as("only the config map informer runs").isEqualTo(1);
            }
        } finally {
            admin.rbac().clusterRoleBindings().withName(clusterRole).delete();
            admin.rbac().clusterRoles().withName(clusterRole).delete();
        }
    }

    @Test
    void anInformerThatStopsIsReplacedOnTheNextRequest(TestCluster cluster, TestNamespace ns) throws Exception {
        ns.apply(LiveSnapshotSourceClusterTest.FIXTURE.replace("NS", ns.name()));
        try (ClusterWatch watch = new ClusterWatch(KubeClients.connect(cluster.kubeconfig(), null), Clock.systemUTC())) {
            Set<Class<? extends HasMetadata>> kinds = Set.of(Pod.class);
            ClusterWatch.Built first = watch.snapshot(kinds, null, ns.name(), null);
            assertThat(first.origin().source()).isEqualTo(SnapshotOrigin.WATCH_CACHE);
            KindInformer<?> pods = watch.informer(Pod.class, () -> {
                throw new AssertionError("already started");
            });
            long generation = watch.generation();
            pods.close(); // as when fabric8 gives up on a watch for good

            ClusterWatch.Built second = watch.snapshot(kinds, null, ns.name(), null);
            assertThat(second.origin().source()).isEqualTo(SnapshotOrigin.WATCH_CACHE);
            assertThat(watch.generation()).isGreaterThan(generation);
            assertThat(watch.informer(Pod.class, () -> {
                throw new AssertionError("already replaced");
            })).isNotSameAs(pods).isNotNull();
            List<String> names = second.snapshot().list(Pod.class).stream().map(p -> p.getMetadata().getName()).toList();
            assertThat(names).containsExactly("cart-1", "payments-1");
        }
    }
}
