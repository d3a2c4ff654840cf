package dev.k8sai.analyze;

import static dev.k8sai.analyze.WorkloadSupport.orZero;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * HorizontalPodAutoscaler (autoscaling/v2) checks.
 * <ul>
 *   <li>{@code ScaleTargetNotFound}: scaleTargetRef names a missing Deployment, StatefulSet or
 *       ReplicaSet (only when that kind was collected; other kinds, e.g. custom resources, are not
 *       judged).</li>
 *   <li>{@code MissingResourceRequests}: a Resource or ContainerResource metric with a
 *       {@code Utilization} target, while a container of the target's pod template has no request
 *       for that resource (utilization is a percentage of the request; AverageValue/Value targets
 *       need none). A limit alone counts as a request: the API server defaults one from it.</li>
 *   <li>{@code UnableToScale}: AbleToScale or ScalingActive is False, quoting reason and message —
 *       skipped when one of the two findings above already names the cause.</li>
 *   <li>{@code AtMaxReplicas} (info): status.currentReplicas == spec.maxReplicas.</li>
 * </ul>
 */
public final class HpaAnalyzer implements Analyzer {

    static final String NAME = "hpa";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(HorizontalPodAutoscaler.class, Deployment.class, StatefulSet.class, ReplicaSet.class, Event.class);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> result = new ArrayList<>();
        for (HorizontalPodAutoscaler hpa : snapshot.list(HorizontalPodAutoscaler.class)) {
            try {
                if (hpa.getSpec() == null) {
                    continue;
                }
                boolean causeReported = false;
                CrossVersionObjectReference ref = hpa.getSpec().getScaleTargetRef();
                Class<? extends HasMetadata> targetType = ref == null ? null : targetType(ref.getKind());
                String ns = ClusterSnapshot.namespaceOrNull(hpa);
                Optional<? extends HasMetadata> target = Optional.empty();
                if (targetType != null && snapshot.unjudged(targetType, ns) == null) {
                    target = snapshot.get(targetType, ns, ref.getName());
                    if (target.isEmpty()) {
                        result.add(WorkloadSupport.finding(NAME, snapshot, hpa, Severity.CRITICAL, "ScaleTargetNotFound",
                                "scale target " + ref.getKind() + " " + ref.getName() + " does not exist"));
                        causeReported = true;
                    }
                }
                if (target.isPresent()) {
                    Optional<Finding> missing = missingRequests(snapshot, hpa, ref, template(target.get()));
                    if (missing.isPresent()) {
                        result.add(missing.get());
                        causeReported = true;
                    }
                }
                if (!causeReported) {
                    unableToScale(snapshot, hpa).ifPresent(result::add);
                }
                int current = hpa.getStatus() == null ? 0 : orZero(hpa.getStatus().getCurrentReplicas());
                if (hpa.getSpec().getMaxReplicas() != null && current > 0 && current == hpa.getSpec().getMaxReplicas()) {
                    result.add(WorkloadSupport.finding(NAME, snapshot, hpa, Severity.INFO, "AtMaxReplicas",
                            "running at its maximum of " + current + " replicas"
                                    + (hpa.getStatus().getDesiredReplicas() == null ? ""
                                    : " (desired " + hpa.getStatus().getDesiredReplicas() + ")")));
                }
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return result;
    }

    private static Class<? extends HasMetadata> targetType(String kind) {
        return switch (kind == null ? "" : kind) {
            case "Deployment" -> Deployment.class;
            case "StatefulSet" -> StatefulSet.class;
            case "ReplicaSet" -> ReplicaSet.class;
            default -> null;
        };
    }

    private static PodTemplateSpec template(HasMetadata target) {
        return switch (target) {
            case Deployment d when d.getSpec() != null -> d.getSpec().getTemplate();
            case StatefulSet s when s.getSpec() != null -> s.getSpec().getTemplate();
            case ReplicaSet r when r.getSpec() != null -> r.getSpec().getTemplate();
            default -> null;
        };
    }

    private static Optional<Finding> missingRequests(ClusterSnapshot snapshot, HorizontalPodAutoscaler hpa,
                                                     CrossVersionObjectReference ref, PodTemplateSpec template) {
        if (template == null || template.getSpec() == null || template.getSpec().getContainers() == null
                || hpa.getSpec().getMetrics() == null) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        for (MetricSpec metric : hpa.getSpec().getMetrics()) {
            String resource;
            String onlyContainer = null;
            MetricTarget target;
            if ("Resource".equals(metric.getType()) && metric.getResource() != null) {
                resource = metric.getResource().getName();
                target = metric.getResource().getTarget();
            } else if ("ContainerResource".equals(metric.getType()) && metric.getContainerResource() != null) {
                resource = metric.getContainerResource().getName();
                onlyContainer = metric.getContainerResource().getContainer();
                target = metric.getContainerResource().getTarget();
            } else {
                continue;
            }
            if (resource == null || target == null || !"Utilization".equals(target.getType())) {
                continue;
            }
            Set<String> lacking = new LinkedHashSet<>();
            for (Container c : template.getSpec().getContainers()) {
                if (onlyContainer != null && !onlyContainer.equals(c.getName())) {
                    continue;
                }
                // a limit alone counts: the API server defaults the missing request to the limit
                boolean hasRequest = c.getResources() != null
                        && (c.getResources().getRequests() != null && c.getResources().getRequests().containsKey(resource)
                        || c.getResources().getLimits() != null && c.getResources().getLimits().containsKey(resource));
                if (!hasRequest) {
                    lacking.add(c.getName());
                }
            }
            if (!lacking.isEmpty()) {
                problems.add(resource + " utilization is targeted but container" + (lacking.size() > 1 ? "s " : " ")
                        + String.join(", ", lacking) + " of " + ref.getKind() + " " + ref.getName()
                        + (lacking.size() > 1 ? " request" : " requests") + " no " + resource);
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(WorkloadSupport.finding(NAME, snapshot, hpa,
                Severity.WARNING, "MissingResourceRequests", String.join("; ", problems)));
    }

    private static Optional<Finding> unableToScale(ClusterSnapshot snapshot, HorizontalPodAutoscaler hpa) {
        if (hpa.getStatus() == null || hpa.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        List<String> parts = hpa.getStatus().getConditions().stream()
                .filter(c -> ("AbleToScale".equals(c.getType()) || "ScalingActive".equals(c.getType()))
                        && "False".equals(c.getStatus()))
                .map(c -> c.getType() + "=False (" + c.getReason() + "): " + PodAnalyzer.quote(c.getMessage()))
                .toList();
        return parts.isEmpty() ? Optional.empty() : Optional.of(WorkloadSupport.finding(NAME, snapshot, hpa,
                Severity.WARNING, "UnableToScale", "cannot scale: " + String.join("; ", parts)));
    }
}
