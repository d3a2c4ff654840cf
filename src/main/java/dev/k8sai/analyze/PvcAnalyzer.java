package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PersistentVolumeClaims that are Pending, Lost, or name a missing StorageClass.
 *
 * <p>Not reported as PVCPending: a claim whose class binds WaitForFirstConsumer and that no pod
 * uses yet (pending by design), and a claim younger than {@link #PENDING_GRACE} without a
 * ProvisioningFailed event (provisioning normally takes seconds). A claim whose StorageClass is
 * missing gets only StorageClassNotFound, the cause, not PVCPending as well. A Bound claim is not
 * reported for a missing StorageClass.
 */
public final class PvcAnalyzer implements Analyzer {

    static final String NAME = "pvc";
    static final Duration PENDING_GRACE = Duration.ofMinutes(1);
    static final String DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(PersistentVolumeClaim.class, StorageClass.class, Pod.class, Event.class);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> findings = new ArrayList<>();
        for (PersistentVolumeClaim pvc : snapshot.list(PersistentVolumeClaim.class)) {
            try {
                check(snapshot, pvc).ifPresent(findings::add);
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return findings;
    }

    private Optional<Finding> check(ClusterSnapshot snapshot, PersistentVolumeClaim pvc) {
        String phase = pvc.getStatus() == null ? null : pvc.getStatus().getPhase();
        String className = pvc.getSpec() == null ? null : pvc.getSpec().getStorageClassName();
        if ("Lost".equals(phase)) {
            String volume = pvc.getSpec() == null ? null : pvc.getSpec().getVolumeName();
            return Optional.of(finding(snapshot, pvc, Severity.CRITICAL, "PVCLost",
                    "claim is Lost: its PersistentVolume " + (volume == null ? "(unknown)" : volume)
                            + " no longer exists, so its data is unreachable."));
        }
        // "" means "no class, bind statically"; only a non-empty name can be missing. A Bound claim
        // no longer needs its class (only provisioning and resizing do), so a deleted class is harmless.
        if (className != null && !className.isEmpty() && !"Bound".equals(phase) && snapshot.unjudged(StorageClass.class, null) == null
                && snapshot.get(StorageClass.class, null, className).isEmpty()) {
            return Optional.of(finding(snapshot, pvc, Severity.CRITICAL, "StorageClassNotFound",
                    "storageClassName names StorageClass " + className + ", which does not exist"
                            + ("Pending".equals(phase) ? ", so the claim stays Pending." : ".")));
        }
        if (!"Pending".equals(phase)) {
            return Optional.empty();
        }
        Optional<StorageClass> storageClass = effectiveClass(snapshot, className);
        if (storageClass.isPresent() && "WaitForFirstConsumer".equals(storageClass.get().getVolumeBindingMode())
                && !usedByPod(snapshot, pvc)) {
            return Optional.empty();
        }
        Optional<Event> failed = Evidence.warningEventList(snapshot, pvc).stream()
                .filter(e -> "ProvisioningFailed".equals(e.getReason())).findFirst();
        Duration age = NetFindings.age(snapshot, pvc.getMetadata().getCreationTimestamp());
        if (failed.isEmpty() && age != null && age.compareTo(PENDING_GRACE) < 0) {
            return Optional.empty();
        }
        StringBuilder message = new StringBuilder("claim has been Pending");
        if (age != null) {
            message.append(" for ").append(NetFindings.formatAge(age));
        }
        List<String> details = new ArrayList<>();
        storageClass.ifPresentOrElse(sc -> details.add("storage class " + sc.getMetadata().getName()),
                () -> details.add(className == null ? "no storage class and no default class" : "storage class \"" + className + "\""));
        requested(pvc).ifPresent(q -> details.add("requests " + q));
        message.append(" (").append(String.join(", ", details)).append(")");
        failed.ifPresentOrElse(
                e -> message.append("; ProvisioningFailed: ").append(e.getMessage() == null ? "" : e.getMessage().strip()),
                () -> message.append("; no provisioner has reported progress"));
        return Optional.of(finding(snapshot, pvc, Severity.CRITICAL, "PVCPending", message + "."));
    }

    /** The named class, or the default class when the claim names none (null, not ""). */
    private static Optional<StorageClass> effectiveClass(ClusterSnapshot snapshot, String className) {
        if (className != null) {
            return className.isEmpty() ? Optional.empty() : snapshot.get(StorageClass.class, null, className);
        }
        return snapshot.list(StorageClass.class).stream().filter(sc -> {
            Map<String, String> a = sc.getMetadata().getAnnotations();
            return a != null && "true".equalsIgnoreCase(a.get(DEFAULT_CLASS_ANNOTATION));
        }).findFirst();
    }

    private static boolean usedByPod(ClusterSnapshot snapshot, PersistentVolumeClaim pvc) {
        String name = pvc.getMetadata().getName();
        return snapshot.list(Pod.class, pvc.getMetadata().getNamespace()).stream()
                .filter(p -> p.getSpec() != null && p.getSpec().getVolumes() != null)
                .flatMap(p -> p.getSpec().getVolumes().stream())
                .map(Volume::getPersistentVolumeClaim)
                .anyMatch(ref -> ref != null && name.equals(ref.getClaimName()));
    }

    private static Optional<String> requested(PersistentVolumeClaim pvc) {
        if (pvc.getSpec() == null || pvc.getSpec().getResources() == null || pvc.getSpec().getResources().getRequests() == null) {
            return Optional.empty();
        }
        Quantity storage = pvc.getSpec().getResources().getRequests().get("storage");
        return Optional.ofNullable(storage).map(Quantity::toString);
    }

    private static Finding finding(ClusterSnapshot snapshot, PersistentVolumeClaim pvc, Severity severity, String reason, String message) {
        return NetFindings.of(snapshot, NAME, "PersistentVolumeClaim", pvc, severity, reason, message);
    }
}
