package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code DefaultServiceAccountToken} (info): pods that run as the namespace's {@code default}
 * ServiceAccount with its API token mounted — every such pod shares one identity, and any RBAC
 * granted to "default" reaches all of them. The token is mounted unless the pod, or else the
 * ServiceAccount (when read), sets automountServiceAccountToken false. One finding per owner (the
 * first pod by name stands for a Deployment's replicas, with the count); not in kube-system,
 * kube-public or kube-node-lease; finished and terminating pods are skipped. Runs only when named
 * ({@code --filter security}): nearly every cluster has such pods, and as a default it would bury
 * the problems.
 */
public final class SecurityAnalyzer implements Analyzer {

    static final String NAME = "security";
    private static final Set<String> SYSTEM_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean onByDefault() {
        return false;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(Pod.class, ServiceAccount.class);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        Map<String, List<Pod>> byOwner = new LinkedHashMap<>();
        List<Pod> pods = new ArrayList<>(snapshot.list(Pod.class));
        pods.sort(Comparator.comparing(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()));
        for (Pod pod : pods) {
            try {
                if (mountsDefaultToken(snapshot, pod)) {
                    String parent = Owners.parentOf(snapshot, pod);
                    String key = parent != null ? parent : "Pod/" + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
                    byOwner.computeIfAbsent(key, k -> new ArrayList<>()).add(pod);
                }
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        List<Finding> findings = new ArrayList<>();
        byOwner.forEach((owner, group) -> {
            Pod first = group.getFirst();
            String count = group.size() == 1 ? "" : " (" + group.size() + " pods of " + owner + ")";
            findings.add(Finding.of(NAME, "Pod", first.getMetadata().getNamespace(), first.getMetadata().getName(), Severity.INFO,
                    "DefaultServiceAccountToken", "runs as ServiceAccount default with its API token mounted" + count
                            + "; give the workload its own ServiceAccount or set automountServiceAccountToken: false")
                    .withParent(Owners.parentOf(snapshot, first)));
        });
        return findings;
    }

    private static boolean mountsDefaultToken(ClusterSnapshot snapshot, Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (pod.getSpec() == null || ns == null || SYSTEM_NAMESPACES.contains(ns) || pod.getMetadata().getDeletionTimestamp() != null
                || "Succeeded".equals(phase) || "Failed".equals(phase)
                || !"default".equals(PodReferences.serviceAccount(pod.getSpec()))) {
            return false;
        }
        Boolean podSetting = pod.getSpec().getAutomountServiceAccountToken();
        if (podSetting != null) {
            return podSetting;
        }
        Optional<ServiceAccount> account = snapshot.get(ServiceAccount.class, ns, "default");
        return account.map(a -> !Boolean.FALSE.equals(a.getAutomountServiceAccountToken())).orElse(true);
    }
}
