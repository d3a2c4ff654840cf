package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * ConfigMaps (analyzer "configmap") and Secrets (analyzer "secret") that nothing references.
 *
 * <p>References counted: pods and the pod templates of Deployments, StatefulSets, DaemonSets,
 * ReplicaSets, Jobs and CronJobs (when collected; a template counts so a workload scaled to zero
 * does not make its config look unused) through volumes (incl. projected, and CSI/flex/… secretRefs),
 * env valueFrom, envFrom and imagePullSecrets; for Secrets also Ingress TLS entries and
 * ServiceAccount secrets/imagePullSecrets. Silent unless every referrer kind that must be seen
 * (Pod; for Secrets also Ingress and ServiceAccount) was collected.
 *
 * <p>Never reported: anything in kube-system, kube-public or kube-node-lease; the kube-root-ca.crt
 * ConfigMap published into every namespace; Secrets of type service-account-token, helm release
 * records (helm.sh/release.v1) and bootstrap tokens, which are read by the platform, not by pods.
 * References from outside the namespace model (operators reading a Secret by name, StorageClass
 * parameters, webhooks) cannot be seen, hence severity info.
 */
public final class UnusedConfigAnalyzer implements Analyzer {

    static final Set<String> SYSTEM_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease");
    static final Set<String> IGNORED_CONFIGMAPS = Set.of("kube-root-ca.crt");
    static final Set<String> IGNORED_SECRET_TYPES = Set.of(
            "kubernetes.io/service-account-token", "helm.sh/release.v1", "bootstrap.kubernetes.io/token");

    private static final List<Class<? extends HasMetadata>> TEMPLATE_KINDS = List.of(
            Deployment.class, StatefulSet.class, DaemonSet.class, ReplicaSet.class, Job.class, CronJob.class);

    private enum Target { CONFIGMAP, SECRET }

    private final Target target;

    private UnusedConfigAnalyzer(Target target) {
        this.target = target;
    }

    public static UnusedConfigAnalyzer configMaps() {
        return new UnusedConfigAnalyzer(Target.CONFIGMAP);
    }

    public static UnusedConfigAnalyzer secrets() {
        return new UnusedConfigAnalyzer(Target.SECRET);
    }

    @Override
    public String name() {
        return target == Target.CONFIGMAP ? "configmap" : "secret";
    }

    @Override
    public Set<Class<? extends HasMetadata>> needs() {
        Set<Class<? extends HasMetadata>> kinds = new HashSet<>(required());
        kinds.addAll(TEMPLATE_KINDS);
        kinds.add(target == Target.CONFIGMAP ? ConfigMap.class : Secret.class);
        kinds.add(Event.class);
        return Set.copyOf(kinds);
    }

    /** Referrer kinds without which "unused" cannot be claimed. */
    private Set<Class<? extends HasMetadata>> required() {
        return target == Target.CONFIGMAP ? Set.of(Pod.class) : Set.of(Pod.class, Ingress.class, ServiceAccount.class);
    }

    @Override
    public List<Finding> analyze(ClusterSnapshot snapshot) {
        if (!required().stream().allMatch(snapshot::collected)) {
            return List.of();
        }
        Set<String> referenced = references(snapshot);
        List<Finding> findings = new ArrayList<>();
        List<? extends HasMetadata> candidates = target == Target.CONFIGMAP
                ? snapshot.list(ConfigMap.class) : snapshot.list(Secret.class);
        for (HasMetadata object : candidates) {
            try {
                String namespace = object.getMetadata().getNamespace();
                String name = object.getMetadata().getName();
                // Pods are the main referrers: a namespace whose pods were not read proves nothing.
                if (namespace == null || SYSTEM_NAMESPACES.contains(namespace) || excluded(object)
                        || snapshot.unjudged(Pod.class, namespace) != null
                        || referenced.contains(namespace + "/" + name)) {
                    continue;
                }
                findings.add(target == Target.CONFIGMAP
                        ? NetFindings.of(snapshot, name(), "ConfigMap", object, Severity.INFO, "Unused",
                        "ConfigMap " + name + " is referenced by no pod or pod template in namespace " + namespace
                                + " (volumes, env, envFrom).")
                        : NetFindings.of(snapshot, name(), "Secret", object, Severity.INFO, "Unused",
                        "Secret " + name + " is referenced by no pod or pod template (volumes, env, envFrom, imagePullSecrets),"
                                + " ingress TLS entry or service account in namespace " + namespace + "."));
            } catch (RuntimeException e) {
                // skip it: one malformed object (e.g. hand-edited snapshot) must not drop the findings for all others
            }
        }
        return findings;
    }

    private boolean excluded(HasMetadata object) {
        if (object instanceof ConfigMap) {
            return IGNORED_CONFIGMAPS.contains(object.getMetadata().getName());
        }
        return object instanceof Secret s && s.getType() != null && IGNORED_SECRET_TYPES.contains(s.getType());
    }

    /**
     * "namespace/name" of every ConfigMap or Secret (per target) something refers to. Not guarded
     * per object: skipping a malformed referrer would turn what it references into false "Unused".
     */
    private Set<String> references(ClusterSnapshot snapshot) {
        Set<String> refs = new HashSet<>();
        for (Pod pod : snapshot.list(Pod.class)) {
            collect(pod.getSpec(), ref(refs, pod));
        }
        for (Class<? extends HasMetadata> kind : TEMPLATE_KINDS) {
            for (HasMetadata workload : snapshot.list(kind)) {
                PodTemplateSpec template = templateOf(workload);
                if (template != null) {
                    collect(template.getSpec(), ref(refs, workload));
                }
            }
        }
        if (target == Target.SECRET) {
            for (Ingress ingress : snapshot.list(Ingress.class)) {
                if (ingress.getSpec() != null && ingress.getSpec().getTls() != null) {
                    ingress.getSpec().getTls().stream().map(IngressTLS::getSecretName).forEach(ref(refs, ingress));
                }
            }
            for (ServiceAccount sa : snapshot.list(ServiceAccount.class)) {
                Consumer<String> out = ref(refs, sa);
                listOrEmpty(sa.getSecrets()).forEach(r -> out.accept(r.getName()));
                listOrEmpty(sa.getImagePullSecrets()).forEach(r -> out.accept(r.getName()));
            }
        }
        return refs;
    }

    private static Consumer<String> ref(Set<String> refs, HasMetadata from) {
        String namespace = from.getMetadata().getNamespace();
        return name -> {
            if (name != null && !name.isEmpty()) {
                refs.add(namespace + "/" + name);
            }
        };
    }

    private static PodTemplateSpec templateOf(HasMetadata workload) {
        return switch (workload) {
            case Deployment d when d.getSpec() != null -> d.getSpec().getTemplate();
            case StatefulSet s when s.getSpec() != null -> s.getSpec().getTemplate();
            case DaemonSet d when d.getSpec() != null -> d.getSpec().getTemplate();
            case ReplicaSet r when r.getSpec() != null -> r.getSpec().getTemplate();
            case Job j when j.getSpec() != null -> j.getSpec().getTemplate();
            case CronJob c when c.getSpec() != null && c.getSpec().getJobTemplate() != null
                    && c.getSpec().getJobTemplate().getSpec() != null -> c.getSpec().getJobTemplate().getSpec().getTemplate();
            default -> null;
        };
    }

    /** Loops rather than streams: this runs for every pod and template, and streams cost several times more without C2. */
    private void collect(PodSpec spec, Consumer<String> out) {
        if (spec == null) {
            return;
        }
        if (spec.getVolumes() != null) {
            for (Volume v : spec.getVolumes()) {
                volumeRefs(v, out);
            }
        }
        for (List<? extends Container> containers : List.of(listOrEmpty(spec.getContainers()), listOrEmpty(spec.getInitContainers()))) {
            for (Container c : containers) {
                envRefs(c.getEnv(), c.getEnvFrom(), out);
            }
        }
        for (EphemeralContainer c : listOrEmpty(spec.getEphemeralContainers())) {
            envRefs(c.getEnv(), c.getEnvFrom(), out);
        }
        if (target == Target.SECRET) {
            for (LocalObjectReference r : listOrEmpty(spec.getImagePullSecrets())) {
                out.accept(r.getName());
            }
        }
    }

    private void envRefs(List<EnvVar> env, List<EnvFromSource> envFrom, Consumer<String> out) {
        for (EnvVar e : listOrEmpty(env)) {
            if (e.getValueFrom() == null) {
                continue;
            }
            if (target == Target.CONFIGMAP && e.getValueFrom().getConfigMapKeyRef() != null) {
                out.accept(e.getValueFrom().getConfigMapKeyRef().getName());
            }
            if (target == Target.SECRET && e.getValueFrom().getSecretKeyRef() != null) {
                out.accept(e.getValueFrom().getSecretKeyRef().getName());
            }
        }
        for (EnvFromSource e : listOrEmpty(envFrom)) {
            if (target == Target.CONFIGMAP && e.getConfigMapRef() != null) {
                out.accept(e.getConfigMapRef().getName());
            }
            if (target == Target.SECRET && e.getSecretRef() != null) {
                out.accept(e.getSecretRef().getName());
            }
        }
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private void volumeRefs(Volume v, Consumer<String> out) {
        List<VolumeProjection> projections = v.getProjected() == null ? List.of() : listOrEmpty(v.getProjected().getSources());
        if (target == Target.CONFIGMAP) {
            if (v.getConfigMap() != null) {
                out.accept(v.getConfigMap().getName());
            }
            for (VolumeProjection p : projections) {
                if (p.getConfigMap() != null) {
                    out.accept(p.getConfigMap().getName());
                }
            }
            return;
        }
        if (v.getSecret() != null) {
            out.accept(v.getSecret().getSecretName());
        }
        for (VolumeProjection p : projections) {
            if (p.getSecret() != null) {
                out.accept(p.getSecret().getName());
            }
        }
        // In-tree and CSI volume plugins that read credentials from a Secret in the pod's namespace.
        if (v.getCsi() != null && v.getCsi().getNodePublishSecretRef() != null) {
            out.accept(v.getCsi().getNodePublishSecretRef().getName());
        }
        if (v.getAzureFile() != null) {
            out.accept(v.getAzureFile().getSecretName());
        }
        if (v.getCephfs() != null && v.getCephfs().getSecretRef() != null) {
            out.accept(v.getCephfs().getSecretRef().getName());
        }
        if (v.getRbd() != null && v.getRbd().getSecretRef() != null) {
            out.accept(v.getRbd().getSecretRef().getName());
        }
        if (v.getIscsi() != null && v.getIscsi().getSecretRef() != null) {
            out.accept(v.getIscsi().getSecretRef().getName());
        }
        if (v.getFlexVolume() != null && v.getFlexVolume().getSecretRef() != null) {
            out.accept(v.getFlexVolume().getSecretRef().getName());
        }
    }
}
