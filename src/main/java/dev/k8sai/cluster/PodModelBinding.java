package dev.k8sai.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateRunning;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.util.Map;

/**
 * The hand-written fields of {@link DirectBinding}: object metadata, pods and what a pod is made
 * of (with {@link PodPartsBinding}), and config maps — most of the objects of a cluster snapshot. Only fields that are common and
 * simple are written here; any other field of these classes is bound by Jackson.
 */
abstract class PodModelBinding extends PodPartsBinding {

    final Binder<ObjectMeta> meta = (p, c) -> object(p, c, ObjectMeta.class, new ObjectMeta(), this::meta);
    private final Binder<OwnerReference> owner = (p, c) -> object(p, c, OwnerReference.class, new OwnerReference(), PodModelBinding::owner);
    private final Binder<Pod> pod = (p, c) -> object(p, c, Pod.class, new Pod(), this::pod);
    final Binder<PodSpec> spec = (p, c) -> object(p, c, PodSpec.class, new PodSpec(), this::spec);
    private final Binder<Container> container = (p, c) -> object(p, c, Container.class, new Container(), this::container);
    private final Binder<ContainerPort> port = (p, c) -> object(p, c, ContainerPort.class, new ContainerPort(), PodModelBinding::port);
    private final Binder<EnvVar> env = (p, c) -> object(p, c, EnvVar.class, new EnvVar(), this::env);
    private final Binder<VolumeMount> mount = (p, c) -> object(p, c, VolumeMount.class, new VolumeMount(), PodModelBinding::mount);
    private final Binder<Volume> volume = (p, c) -> object(p, c, Volume.class, new Volume(), this::volume);
    private final Binder<Toleration> toleration = (p, c) -> object(p, c, Toleration.class, new Toleration(), PodModelBinding::toleration);
    private final Binder<PodStatus> status = (p, c) -> object(p, c, PodStatus.class, new PodStatus(), this::status);
    private final Binder<PodCondition> condition = (p, c) -> object(p, c, PodCondition.class, new PodCondition(), PodModelBinding::condition);
    private final Binder<PodIP> podIp = (p, c) -> object(p, c, PodIP.class, new PodIP(), (b, f, q, d) -> b.setIp(only("ip", f, q)));
    private final Binder<HostIP> hostIp = (p, c) -> object(p, c, HostIP.class, new HostIP(), (b, f, q, d) -> b.setIp(only("ip", f, q)));
    private final Binder<ContainerStatus> containerStatus =
            (p, c) -> object(p, c, ContainerStatus.class, new ContainerStatus(), this::containerStatus);
    private final Binder<ContainerState> state = (p, c) -> object(p, c, ContainerState.class, new ContainerState(), this::state);
    private final Binder<ContainerStateRunning> running =
            (p, c) -> object(p, c, ContainerStateRunning.class, new ContainerStateRunning(), PodModelBinding::running);
    private final Binder<ContainerStateWaiting> waiting =
            (p, c) -> object(p, c, ContainerStateWaiting.class, new ContainerStateWaiting(), PodModelBinding::waiting);
    private final Binder<ContainerStateTerminated> terminated =
            (p, c) -> object(p, c, ContainerStateTerminated.class, new ContainerStateTerminated(), PodModelBinding::terminated);
    private final Binder<ConfigMap> configMap = (p, c) -> object(p, c, ConfigMap.class, new ConfigMap(), this::configMap);

    @Override
    void register(Map<Class<?>, Binder<?>> into) {
        super.register(into);
        into.putAll(Map.ofEntries(
            Map.entry(ObjectMeta.class, meta), Map.entry(OwnerReference.class, owner), Map.entry(Pod.class, pod),
            Map.entry(PodSpec.class, spec), Map.entry(Container.class, container), Map.entry(ContainerPort.class, port),
            Map.entry(EnvVar.class, env), Map.entry(VolumeMount.class, mount), Map.entry(Volume.class, volume),
            Map.entry(Toleration.class, toleration), Map.entry(PodStatus.class, status), Map.entry(PodCondition.class, condition),
            Map.entry(PodIP.class, podIp), Map.entry(HostIP.class, hostIp), Map.entry(ContainerStatus.class, containerStatus),
            Map.entry(ContainerState.class, state), Map.entry(ContainerStateRunning.class, running),
            Map.entry(ContainerStateWaiting.class, waiting), Map.entry(ContainerStateTerminated.class, terminated),
            Map.entry(ConfigMap.class, configMap)));
    }

    /** managedFields is not written here: Jackson skips or binds it as the mapper is configured. */
    private void meta(ObjectMeta m, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "name" -> m.setName(text(p));
            case "namespace" -> m.setNamespace(text(p));
            case "uid" -> m.setUid(text(p));
            case "resourceVersion" -> m.setResourceVersion(text(p));
            case "generateName" -> m.setGenerateName(text(p));
            case "creationTimestamp" -> m.setCreationTimestamp(text(p));
            case "deletionTimestamp" -> m.setDeletionTimestamp(text(p));
            case "generation" -> m.setGeneration(longValue(p));
            case "labels" -> m.setLabels(textMap(p, c));
            case "annotations" -> m.setAnnotations(textMap(p, c));
            case "finalizers" -> m.setFinalizers(texts(p, c));
            case "ownerReferences" -> m.setOwnerReferences(list(p, c, OwnerReference.class, owner));
            default -> throw JACKSON;
        }
    }

    private static void owner(OwnerReference o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "apiVersion" -> o.setApiVersion(text(p));
            case "kind" -> o.setKind(text(p));
            case "name" -> o.setName(text(p));
            case "uid" -> o.setUid(text(p));
            case "controller" -> o.setController(bool(p));
            case "blockOwnerDeletion" -> o.setBlockOwnerDeletion(bool(p));
            default -> throw JACKSON;
        }
    }

    private void pod(Pod o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "apiVersion" -> o.setApiVersion(text(p));
            case "kind" -> o.setKind(text(p));
            case "metadata" -> o.setMetadata(nested(p, c, meta));
            case "spec" -> o.setSpec(nested(p, c, spec));
            case "status" -> o.setStatus(nested(p, c, status));
            default -> throw JACKSON;
        }
    }

    private void configMap(ConfigMap o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "apiVersion" -> o.setApiVersion(text(p));
            case "kind" -> o.setKind(text(p));
            case "metadata" -> o.setMetadata(nested(p, c, meta));
            case "data" -> o.setData(textMap(p, c));
            case "immutable" -> o.setImmutable(bool(p));
            default -> throw JACKSON;
        }
    }

    private void spec(PodSpec s, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "containers" -> s.setContainers(list(p, c, Container.class, container));
            case "initContainers" -> s.setInitContainers(list(p, c, Container.class, container));
            case "volumes" -> s.setVolumes(list(p, c, Volume.class, volume));
            case "tolerations" -> s.setTolerations(list(p, c, Toleration.class, toleration));
            case "nodeSelector" -> s.setNodeSelector(textMap(p, c));
            case "nodeName" -> s.setNodeName(text(p));
            case "serviceAccountName" -> s.setServiceAccountName(text(p));
            case "serviceAccount" -> s.setServiceAccount(text(p));
            case "restartPolicy" -> s.setRestartPolicy(text(p));
            case "dnsPolicy" -> s.setDnsPolicy(text(p));
            case "schedulerName" -> s.setSchedulerName(text(p));
            case "priorityClassName" -> s.setPriorityClassName(text(p));
            case "preemptionPolicy" -> s.setPreemptionPolicy(text(p));
            case "hostname" -> s.setHostname(text(p));
            case "subdomain" -> s.setSubdomain(text(p));
            case "runtimeClassName" -> s.setRuntimeClassName(text(p));
            case "priority" -> s.setPriority(integer(p));
            case "terminationGracePeriodSeconds" -> s.setTerminationGracePeriodSeconds(longValue(p));
            case "activeDeadlineSeconds" -> s.setActiveDeadlineSeconds(longValue(p));
            case "enableServiceLinks" -> s.setEnableServiceLinks(bool(p));
            case "automountServiceAccountToken" -> s.setAutomountServiceAccountToken(bool(p));
            case "hostNetwork" -> s.setHostNetwork(bool(p));
            case "hostPID" -> s.setHostPID(bool(p));
            case "hostIPC" -> s.setHostIPC(bool(p));
            case "shareProcessNamespace" -> s.setShareProcessNamespace(bool(p));
            case "securityContext" -> s.setSecurityContext(nested(p, c, podSecurityContext));
            default -> throw JACKSON;
        }
    }

    private void container(Container o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "name" -> o.setName(text(p));
            case "image" -> o.setImage(text(p));
            case "imagePullPolicy" -> o.setImagePullPolicy(text(p));
            case "terminationMessagePath" -> o.setTerminationMessagePath(text(p));
            case "terminationMessagePolicy" -> o.setTerminationMessagePolicy(text(p));
            case "workingDir" -> o.setWorkingDir(text(p));
            case "command" -> o.setCommand(texts(p, c));
            case "args" -> o.setArgs(texts(p, c));
            case "ports" -> o.setPorts(list(p, c, ContainerPort.class, port));
            case "env" -> o.setEnv(list(p, c, EnvVar.class, env));
            case "envFrom" -> o.setEnvFrom(list(p, c, EnvFromSource.class, envFrom));
            case "resources" -> o.setResources(nested(p, c, resources));
            case "readinessProbe" -> o.setReadinessProbe(nested(p, c, probe));
            case "livenessProbe" -> o.setLivenessProbe(nested(p, c, probe));
            case "startupProbe" -> o.setStartupProbe(nested(p, c, probe));
            case "securityContext" -> o.setSecurityContext(nested(p, c, securityContext));
            case "volumeMounts" -> o.setVolumeMounts(list(p, c, VolumeMount.class, mount));
            case "stdin" -> o.setStdin(bool(p));
            case "tty" -> o.setTty(bool(p));
            default -> throw JACKSON;
        }
    }

    private static void port(ContainerPort o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "name" -> o.setName(text(p));
            case "containerPort" -> o.setContainerPort(integer(p));
            case "protocol" -> o.setProtocol(text(p));
            case "hostPort" -> o.setHostPort(integer(p));
            case "hostIP" -> o.setHostIP(text(p));
            default -> throw JACKSON;
        }
    }

    private void env(EnvVar o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "name" -> o.setName(text(p));
            case "value" -> o.setValue(text(p));
            case "valueFrom" -> o.setValueFrom(nested(p, c, envSource));
            default -> throw JACKSON;
        }
    }

    private static void mount(VolumeMount o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "name" -> o.setName(text(p));
            case "mountPath" -> o.setMountPath(text(p));
            case "readOnly" -> o.setReadOnly(bool(p));
            case "subPath" -> o.setSubPath(text(p));
            case "subPathExpr" -> o.setSubPathExpr(text(p));
            case "mountPropagation" -> o.setMountPropagation(text(p));
            case "recursiveReadOnly" -> o.setRecursiveReadOnly(text(p));
            default -> throw JACKSON;
        }
    }

    /** The common volume sources; the other two dozen are Jackson's. */
    private void volume(Volume o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "name" -> o.setName(text(p));
            case "projected" -> o.setProjected(nested(p, c, projected));
            case "configMap" -> o.setConfigMap(nested(p, c, configMapVolume));
            case "secret" -> o.setSecret(nested(p, c, secretVolume));
            case "emptyDir" -> o.setEmptyDir(nested(p, c, emptyDir));
            case "persistentVolumeClaim" -> o.setPersistentVolumeClaim(nested(p, c, claim));
            default -> throw JACKSON;
        }
    }

    private static void toleration(Toleration o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "key" -> o.setKey(text(p));
            case "operator" -> o.setOperator(text(p));
            case "value" -> o.setValue(text(p));
            case "effect" -> o.setEffect(text(p));
            case "tolerationSeconds" -> o.setTolerationSeconds(longValue(p));
            default -> throw JACKSON;
        }
    }

    private void status(PodStatus s, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "phase" -> s.setPhase(text(p));
            case "reason" -> s.setReason(text(p));
            case "message" -> s.setMessage(text(p));
            case "podIP" -> s.setPodIP(text(p));
            case "hostIP" -> s.setHostIP(text(p));
            case "startTime" -> s.setStartTime(text(p));
            case "qosClass" -> s.setQosClass(text(p));
            case "nominatedNodeName" -> s.setNominatedNodeName(text(p));
            case "observedGeneration" -> s.setObservedGeneration(longValue(p));
            case "podIPs" -> s.setPodIPs(list(p, c, PodIP.class, podIp));
            case "hostIPs" -> s.setHostIPs(list(p, c, HostIP.class, hostIp));
            case "conditions" -> s.setConditions(list(p, c, PodCondition.class, condition));
            case "containerStatuses" -> s.setContainerStatuses(list(p, c, ContainerStatus.class, containerStatus));
            case "initContainerStatuses" -> s.setInitContainerStatuses(list(p, c, ContainerStatus.class, containerStatus));
            case "ephemeralContainerStatuses" -> s.setEphemeralContainerStatuses(list(p, c, ContainerStatus.class, containerStatus));
            default -> throw JACKSON;
        }
    }

    private static void condition(PodCondition o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "type" -> o.setType(text(p));
            case "status" -> o.setStatus(text(p));
            case "reason" -> o.setReason(text(p));
            case "message" -> o.setMessage(text(p));
            case "lastProbeTime" -> o.setLastProbeTime(text(p));
            case "lastTransitionTime" -> o.setLastTransitionTime(text(p));
            case "observedGeneration" -> o.setObservedGeneration(longValue(p));
            default -> throw JACKSON;
        }
    }

    private void containerStatus(ContainerStatus o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "name" -> o.setName(text(p));
            case "image" -> o.setImage(text(p));
            case "imageID" -> o.setImageID(text(p));
            case "containerID" -> o.setContainerID(text(p));
            case "ready" -> o.setReady(bool(p));
            case "started" -> o.setStarted(bool(p));
            case "restartCount" -> o.setRestartCount(integer(p));
            case "state" -> o.setState(nested(p, c, state));
            case "lastState" -> o.setLastState(nested(p, c, state));
            default -> throw JACKSON;
        }
    }

    private void state(ContainerState o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "running" -> o.setRunning(nested(p, c, running));
            case "waiting" -> o.setWaiting(nested(p, c, waiting));
            case "terminated" -> o.setTerminated(nested(p, c, terminated));
            default -> throw JACKSON;
        }
    }

    private static void running(ContainerStateRunning o, String name, JsonParser p, DeserializationContext c) throws IOException {
        o.setStartedAt(only("startedAt", name, p));
    }

    private static void waiting(ContainerStateWaiting o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "reason" -> o.setReason(text(p));
            case "message" -> o.setMessage(text(p));
            default -> throw JACKSON;
        }
    }

    private static void terminated(ContainerStateTerminated o, String name, JsonParser p, DeserializationContext c)
            throws IOException {
        switch (name) {
            case "exitCode" -> o.setExitCode(integer(p));
            case "signal" -> o.setSignal(integer(p));
            case "reason" -> o.setReason(text(p));
            case "message" -> o.setMessage(text(p));
            case "startedAt" -> o.setStartedAt(text(p));
            case "finishedAt" -> o.setFinishedAt(text(p));
            case "containerID" -> o.setContainerID(text(p));
            default -> throw JACKSON;
        }
    }
}
