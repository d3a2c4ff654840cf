package dev.k8sai.analyze;

import static dev.k8sai.analyze.WorkloadSupport.orZero;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * StatefulSet checks: {@code ReplicasUnavailable} (ready &lt; desired; critical when none is ready),
 * {@code ServiceNotFound} (spec.serviceName names no Service; only when Services were collected) and
 * {@code StorageClassNotFound} (a volumeClaimTemplate names a missing StorageClass; only when
 * StorageClasses were collected — no class means the default class and "" means static binding,
 * both fine).
 */
public final class StatefulSetAnalyzer implements Analyzer {

    static final String NAME = "statefulset";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(StatefulSet.class, Service.class, StorageClass.class, Event.class);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> result = new ArrayList<>();
        for (StatefulSet sts : snapshot.list(StatefulSet.class)) {
            try {
                String ns = ClusterSnapshot.namespaceOrNull(sts);
                int desired = sts.getSpec() == null || sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
                int ready = sts.getStatus() == null ? 0 : orZero(sts.getStatus().getReadyReplicas());
                if (desired > 0 && ready < desired) {
                    result.add(WorkloadSupport.finding(NAME, snapshot, sts, ready == 0 ? Severity.CRITICAL : Severity.WARNING,
                            "ReplicasUnavailable", ready + " of " + desired + " desired replicas ready"));
                }
                if (sts.getSpec() == null) {
                    continue;
                }
                String service = sts.getSpec().getServiceName();
                if (service != null && !service.isEmpty() && snapshot.unjudged(Service.class, ns) == null
                        && snapshot.get(Service.class, ns, service).isEmpty()) {
                    result.add(WorkloadSupport.finding(NAME, snapshot, sts, Severity.WARNING, "ServiceNotFound",
                            "governing Service " + service + " does not exist, so pods get no stable DNS names"));
                }
                if (sts.getSpec().getVolumeClaimTemplates() != null && snapshot.unjudged(StorageClass.class, null) == null) {
                    for (PersistentVolumeClaim template : sts.getSpec().getVolumeClaimTemplates()) {
                        String sc = template.getSpec() == null ? null : template.getSpec().getStorageClassName();
                        if (sc != null && !sc.isEmpty() && snapshot.get(StorageClass.class, null, sc).isEmpty()) {
                            result.add(WorkloadSupport.finding(NAME, snapshot, sts, Severity.CRITICAL, "StorageClassNotFound",
                                    "volumeClaimTemplate " + template.getMetadata().getName() + " names StorageClass "
                                            + sc + ", which does not exist"));
                        }
                    }
                }
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return result;
    }
}
