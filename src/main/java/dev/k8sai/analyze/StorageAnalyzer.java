package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.api.model.storage.VolumeError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PersistentVolumes and volume attachments: {@code PVFailed} (phase Failed, e.g. the reclaim
 * failed), {@code PVReleased} (Released with reclaim policy Retain: the claim is gone, the data
 * waits for someone — and the volume cannot be bound again until its claimRef is cleared),
 * {@code PVUnclaimed} (Available for at least {@link #UNCLAIMED_AFTER}, measured from
 * status.lastPhaseTransitionTime, else creation) and {@code VolumeAttachmentError} (an attach or
 * detach error reported by the CSI attacher).
 */
public final class StorageAnalyzer implements Analyzer {

    static final String NAME = "storage";
    /** A volume provisioned by hand and unused for a week is likely forgotten (and paid for). */
    static final Duration UNCLAIMED_AFTER = Duration.ofDays(7);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        return Set.of(PersistentVolume.class, VolumeAttachment.class, Event.class);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        List<Finding> findings = new ArrayList<>();
        for (PersistentVolume pv : snapshot.list(PersistentVolume.class)) {
            try {
                volume(snapshot, pv, findings);
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        for (VolumeAttachment va : snapshot.list(VolumeAttachment.class)) {
            try {
                attachment(snapshot, va, findings);
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return findings;
    }

    private static void volume(ClusterSnapshot snapshot, PersistentVolume pv, List<Finding> findings) {
        String phase = pv.getStatus() == null ? null : pv.getStatus().getPhase();
        String policy = pv.getSpec() == null ? null : pv.getSpec().getPersistentVolumeReclaimPolicy();
        ObjectReference claim = pv.getSpec() == null ? null : pv.getSpec().getClaimRef();
        String claimName = claim == null ? "none" : claim.getNamespace() + "/" + claim.getName();
        if ("Failed".equals(phase)) {
            String message = pv.getStatus().getMessage();
            findings.add(finding(snapshot, pv, Severity.CRITICAL, "PVFailed", "volume failed (reclaim policy " + policy
                    + ", claim " + claimName + ")" + (message == null || message.isBlank() ? "" : ": " + message.strip())));
        } else if ("Released".equals(phase) && "Retain".equals(policy)) {
            findings.add(finding(snapshot, pv, Severity.WARNING, "PVReleased", "claim " + claimName
                    + " was deleted; with reclaim policy Retain the data stays until an administrator deletes or re-binds"
                    + " the volume (clear spec.claimRef to reuse it)"));
        } else if ("Available".equals(phase)) {
            String since = pv.getStatus().getLastPhaseTransitionTime() != null ? pv.getStatus().getLastPhaseTransitionTime()
                    : pv.getMetadata().getCreationTimestamp();
            Duration age = WorkloadSupport.age(snapshot, since);
            if (age != null && age.compareTo(UNCLAIMED_AFTER) >= 0) {
                findings.add(finding(snapshot, pv, Severity.INFO, "PVUnclaimed", "available and bound to no claim for "
                        + WorkloadSupport.human(age)));
            }
        }
    }

    private static void attachment(ClusterSnapshot snapshot, VolumeAttachment va, List<Finding> findings) {
        if (va.getStatus() == null) {
            return;
        }
        String volume = va.getSpec() == null || va.getSpec().getSource() == null ? null : va.getSpec().getSource().getPersistentVolumeName();
        String node = va.getSpec() == null ? null : va.getSpec().getNodeName();
        List<String> errors = new ArrayList<>();
        describe("attach", va.getStatus().getAttachError(), errors);
        describe("detach", va.getStatus().getDetachError(), errors);
        if (!errors.isEmpty()) {
            findings.add(finding(snapshot, va, Severity.CRITICAL, "VolumeAttachmentError", "volume " + volume + " on node "
                    + node + ": " + String.join("; ", errors)));
        }
    }

    private static void describe(String what, VolumeError error, List<String> into) {
        if (error != null && (error.getMessage() != null || error.getTime() != null)) {
            into.add(what + " error" + (error.getMessage() == null ? "" : ": " + error.getMessage().strip()));
        }
    }

    private static Finding finding(ClusterSnapshot snapshot, HasMetadata object, Severity severity, String reason, String message) {
        return NetFindings.of(snapshot, NAME, object.getKind(), object, severity, reason, message);
    }
}
