package dev.k8sai.analyze;

import static dev.k8sai.analyze.WorkloadSupport.orZero;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * DaemonSet check: {@code ReplicasUnavailable} when numberUnavailable &gt; 0, numberMisscheduled &gt; 0,
 * or fewer nodes run its pod than should (currentNumberScheduled &lt; desiredNumberScheduled: a
 * scheduling gap, e.g. a taint the pod does not tolerate or a node out of resources).
 */
public final class DaemonSetAnalyzer implements Analyzer {

    static final String NAME = "daemonset";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(DaemonSet.class, Event.class);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> result = new ArrayList<>();
        for (DaemonSet ds : snapshot.list(DaemonSet.class)) {
            try {
                DaemonSetStatus s = ds.getStatus();
                if (s == null) {
                    continue;
                }
                int unavailable = orZero(s.getNumberUnavailable());
                int misscheduled = orZero(s.getNumberMisscheduled());
                int unscheduled = orZero(s.getDesiredNumberScheduled()) - orZero(s.getCurrentNumberScheduled());
                if (unavailable == 0 && misscheduled == 0 && unscheduled <= 0) {
                    continue;
                }
                List<String> parts = new ArrayList<>();
                if (unscheduled > 0) {
                    parts.add(unscheduled + " of " + orZero(s.getDesiredNumberScheduled()) + " eligible nodes have no pod scheduled");
                }
                if (unavailable > 0) {
                    parts.add(unavailable + " of " + orZero(s.getDesiredNumberScheduled()) + " desired pods unavailable");
                }
                if (misscheduled > 0) {
                    parts.add(misscheduled + " pods running on nodes where they should not");
                }
                result.add(WorkloadSupport.finding(NAME, snapshot, ds, Severity.WARNING, "ReplicasUnavailable",
                        String.join("; ", parts)));
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return result;
    }
}
