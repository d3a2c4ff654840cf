package dev.k8sai.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.audit.AuditOptions.Check;
import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.testing.cluster.RealCluster;
import dev.k8sai.testing.cluster.TestCluster;
import dev.k8sai.testing.cluster.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The misconfiguration fixtures are accepted by a real API server (so they are realistic), and the
 * objects read back — now carrying the server's defaults and the token volume the ServiceAccount
 * admission plugin adds — yield the same findings as the YAML read offline.
 */
@RealCluster
class AuditLiveClusterTest {

    @Test
    void liveObjectsYieldTheSameFindingsAsTheFixtureFile(TestCluster cluster, TestNamespace ns) {
        ns.applyResource("audit/misconfig.yaml");
        ns.apply("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: pod-exec}
                rules:
                - apiGroups: [""]
                  resources: [pods/exec]
                  verbs: [create]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: ops-exec}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-exec}
                subjects:
                - {kind: Group, apiGroup: rbac.authorization.k8s.io, name: ops}
                """);
        KubernetesClient client = cluster.client();
        ClusterSnapshot live = ClusterSnapshot.builder("live", AuditFixtures.NOW)
                .collected(Pod.class).collected(Job.class).collected(ServiceAccount.class)
                .addAll(client.pods().inNamespace(ns.name()).list().getItems())
                .addAll(client.batch().v1().jobs().inNamespace(ns.name()).list().getItems())
                .addAll(client.serviceAccounts().inNamespace(ns.name()).list().getItems())
                .addAll(client.rbac().roles().inNamespace(ns.name()).list().getItems())
                .addAll(client.rbac().roleBindings().inNamespace(ns.name()).list().getItems())
                .build();
        AuditOptions options = AuditOptions.defaults().withChecks(EnumSet.of(Check.MISCONFIG, Check.PSS, Check.RBAC));

        Set<String> liveFindings = keys(new AuditService().audit(live, options).report().findings());
        Set<String> offline = keys(new AuditService().audit(AuditFixtures.snapshot("misconfig.yaml"), options)
                .report().findings());

        assertThat(liveFindings).contains("RbacPodExec Role/pod-exec");
        liveFindings.remove("RbacPodExec Role/pod-exec");
        assertThat(liveFindings).isEqualTo(offline);
    }

    /**
     * Each PSS fixture pod is created on its own. The API server rejects the few that no real cluster
     * can hold (the audit still handles them, e.g. from manifests); every other pod read back must give
     * the findings the file gives.
     */
    @Test
    void pssFixturesAreRealisticAndGiveTheSameFindingsLive(TestCluster cluster, TestNamespace ns) {
        Set<String> rejected = new java.util.TreeSet<>();
        for (io.fabric8.kubernetes.api.model.HasMetadata pod : AuditFixtures.load("pss.yaml")) {
            try {
                ns.apply(new io.fabric8.kubernetes.client.utils.KubernetesSerialization().asYaml(pod));
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                rejected.add(pod.getMetadata().getName());
            }
        }
        // hostProcess needs a Windows pod with hostNetwork; ephemeral containers are only added through
        // the ephemeralcontainers subresource; an Unmasked procMount needs hostUsers: false.
        assertThat(rejected).containsExactlyInAnyOrder("host-process", "ephemeral-privileged", "proc-mount");

        ClusterSnapshot live = ClusterSnapshot.builder("live", AuditFixtures.NOW)
                .addAll(cluster.client().pods().inNamespace(ns.name()).list().getItems()).build();
        AuditOptions options = AuditOptions.defaults().withChecks(EnumSet.of(Check.PSS));
        Set<String> offline = keys(new AuditService().audit(AuditFixtures.snapshot("pss.yaml"), options).report().findings());
        offline.removeIf(k -> rejected.stream().anyMatch(r -> k.endsWith("Pod/" + r)));
        assertThat(keys(new AuditService().audit(live, options).report().findings())).isEqualTo(offline);
    }

    private static Set<String> keys(List<Finding> findings) {
        return findings.stream().map(f -> f.reason() + " " + f.kind() + "/" + f.name())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
