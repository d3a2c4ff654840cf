package dev.k8sai.diagnose;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.cluster.KnownKinds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Set;
import java.util.Locale;

/**
 * What diagnose investigates: {@code pod/NAME}, {@code NAME} (a pod), {@code TYPE NAME} or
 * {@code TYPE/NAME} for the kinds below, with kubectl's short names. {@code namespace} is null for
 * cluster-scoped kinds (Node).
 */
public record DiagnosisTarget(Class<? extends HasMetadata> type, String namespace, String name) {

    /** The kinds diagnose investigates; kubectl's names for them come from the one kind table. */
    private static final Set<Class<? extends HasMetadata>> TYPES = Set.of(Pod.class, Deployment.class, StatefulSet.class,
            DaemonSet.class, Job.class, CronJob.class, Service.class, PersistentVolumeClaim.class, Node.class);

    private static final String KINDS = "pod, deployment, statefulset, daemonset, job, cronjob, service, pvc, node";

    /** Parses the command's positional arguments; a wrong form is a usage error naming the accepted ones. */
    public static DiagnosisTarget parse(List<String> args, String namespace) {
        String type;
        String name;
        if (args.size() == 1 && args.getFirst().contains("/")) {
            String[] parts = args.getFirst().split("/", 2);
            type = parts[0];
            name = parts[1];
        } else if (args.size() == 1) {
            type = "pod";
            name = args.getFirst();
        } else if (args.size() == 2) {
            type = args.get(0);
            name = args.get(1);
        } else {
            throw new AgentException(ExitCodes.USAGE,
                    "diagnose needs one target: pod/NAME, NAME (a pod) or TYPE NAME, TYPE one of " + KINDS);
        }
        Class<? extends HasMetadata> resolved = KnownKinds.named(type).filter(TYPES::contains).orElse(null);
        if (resolved == null) {
            throw new AgentException(ExitCodes.USAGE, "diagnose cannot investigate '" + type + "'; kinds: " + KINDS);
        }
        if (name.isBlank() || name.contains("/")) {
            throw new AgentException(ExitCodes.USAGE, "diagnose: invalid name '" + name + "'");
        }
        boolean namespaced = !KnownKinds.clusterScoped(resolved);
        return new DiagnosisTarget(resolved, namespaced ? (namespace == null ? "default" : namespace) : null, name.strip());
    }

    public String kind() {
        return HasMetadata.getKind(type);
    }

    /** "Kind/namespace/name" (or "Kind/name"), the format of {@code Finding.objectRef()} and {@code Finding.parent}. */
    public String ref() {
        return new dev.k8sai.report.ObjectRef(kind(), namespace, name).toString();
    }

    /** kubectl style, e.g. "pod/payments-7c9d-x2x". */
    public String display() {
        return kind().toLowerCase(Locale.ROOT) + "/" + name;
    }
}
