package dev.k8sai.agent;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
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
import java.util.Locale;
import java.util.Map;

/**
 * What diagnose investigates: {@code pod/NAME}, {@code NAME} (a pod), {@code TYPE NAME} or
 * {@code TYPE/NAME} for the kinds below, with kubectl's short names. {@code namespace} is null for
 * cluster-scoped kinds (Node).
 */
public record DiagnosisTarget(Class<? extends HasMetadata> type, String namespace, String name) {

    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.ofEntries(
            Map.entry("pod", Pod.class), Map.entry("pods", Pod.class), Map.entry("po", Pod.class),
            Map.entry("deployment", Deployment.class), Map.entry("deployments", Deployment.class), Map.entry("deploy", Deployment.class),
            Map.entry("statefulset", StatefulSet.class), Map.entry("statefulsets", StatefulSet.class), Map.entry("sts", StatefulSet.class),
            Map.entry("daemonset", DaemonSet.class), Map.entry("daemonsets", DaemonSet.class), Map.entry("ds", DaemonSet.class),
            Map.entry("job", Job.class), Map.entry("jobs", Job.class),
            Map.entry("cronjob", CronJob.class), Map.entry("cronjobs", CronJob.class), Map.entry("cj", CronJob.class),
            Map.entry("service", Service.class), Map.entry("services", Service.class), Map.entry("svc", Service.class),
            Map.entry("pvc", PersistentVolumeClaim.class), Map.entry("persistentvolumeclaim", PersistentVolumeClaim.class),
            Map.entry("persistentvolumeclaims", PersistentVolumeClaim.class),
            Map.entry("node", Node.class), Map.entry("nodes", Node.class), Map.entry("no", Node.class));

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
        Class<? extends HasMetadata> resolved = TYPES.get(type.strip().toLowerCase(Locale.ROOT));
        if (resolved == null) {
            throw new AgentException(ExitCodes.USAGE, "diagnose cannot investigate '" + type + "'; kinds: " + KINDS);
        }
        if (name.isBlank() || name.contains("/")) {
            throw new AgentException(ExitCodes.USAGE, "diagnose: invalid name '" + name + "'");
        }
        boolean namespaced = Namespaced.class.isAssignableFrom(resolved);
        return new DiagnosisTarget(resolved, namespaced ? (namespace == null ? "default" : namespace) : null, name.strip());
    }

    public String kind() {
        return HasMetadata.getKind(type);
    }

    /** "Kind/namespace/name" (or "Kind/name"), the format of {@code Finding.objectRef()} and {@code Finding.parent}. */
    public String ref() {
        return namespace == null ? kind() + "/" + name : kind() + "/" + namespace + "/" + name;
    }

    /** kubectl style, e.g. "pod/payments-7c9d-x2x". */
    public String display() {
        return kind().toLowerCase(Locale.ROOT) + "/" + name;
    }
}
