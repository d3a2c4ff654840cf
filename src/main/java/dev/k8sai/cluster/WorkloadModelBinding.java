package dev.k8sai.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.io.IOException;
import java.util.Map;

/**
 * The rest of {@link DirectBinding}'s classes: what owns pods (Deployments and their ReplicaSets,
 * several per Deployment in a real cluster), Services and Events — after pods, the most numerous
 * objects of a snapshot. The mapper's binding ({@link ModelJson}).
 */
final class WorkloadModelBinding extends PodModelBinding {

    private final Binder<Deployment> deployment = (p, c) -> object(p, c, Deployment.class, new Deployment(), this::deployment);
    private final Binder<DeploymentSpec> deploymentSpec =
            (p, c) -> object(p, c, DeploymentSpec.class, new DeploymentSpec(), this::deploymentSpec);
    private final Binder<DeploymentStatus> deploymentStatus =
            (p, c) -> object(p, c, DeploymentStatus.class, new DeploymentStatus(), this::deploymentStatus);
    private final Binder<DeploymentCondition> deploymentCondition =
            (p, c) -> object(p, c, DeploymentCondition.class, new DeploymentCondition(), WorkloadModelBinding::deploymentCondition);
    private final Binder<ReplicaSet> replicaSet = (p, c) -> object(p, c, ReplicaSet.class, new ReplicaSet(), this::replicaSet);
    private final Binder<ReplicaSetSpec> replicaSetSpec =
            (p, c) -> object(p, c, ReplicaSetSpec.class, new ReplicaSetSpec(), this::replicaSetSpec);
    private final Binder<ReplicaSetStatus> replicaSetStatus =
            (p, c) -> object(p, c, ReplicaSetStatus.class, new ReplicaSetStatus(), WorkloadModelBinding::replicaSetStatus);
    private final Binder<PodTemplateSpec> template = (p, c) -> object(p, c, PodTemplateSpec.class, new PodTemplateSpec(), this::template);
    private final Binder<LabelSelector> selector = (p, c) -> object(p, c, LabelSelector.class, new LabelSelector(), (o, f, q, d) -> {
        if (!"matchLabels".equals(f)) {
            throw JACKSON; // matchExpressions too
        }
        o.setMatchLabels(textMap(q, d));
    });
    private final Binder<Service> service = (p, c) -> object(p, c, Service.class, new Service(), this::service);
    private final Binder<ServiceSpec> serviceSpec = (p, c) -> object(p, c, ServiceSpec.class, new ServiceSpec(), this::serviceSpec);
    private final Binder<ServicePort> servicePort =
            (p, c) -> object(p, c, ServicePort.class, new ServicePort(), WorkloadModelBinding::servicePort);
    private final Binder<Event> event = (p, c) -> object(p, c, Event.class, new Event(), this::event);
    private final Binder<ObjectReference> reference =
            (p, c) -> object(p, c, ObjectReference.class, new ObjectReference(), WorkloadModelBinding::reference);
    private final Binder<EventSource> source = (p, c) -> object(p, c, EventSource.class, new EventSource(), (o, f, q, d) -> {
        switch (f) {
            case "component" -> o.setComponent(text(q));
            case "host" -> o.setHost(text(q));
            default -> throw JACKSON;
        }
    });

    @Override
    void register(Map<Class<?>, Binder<?>> into) {
        super.register(into);
        into.putAll(Map.ofEntries(Map.entry(Deployment.class, deployment), Map.entry(DeploymentSpec.class, deploymentSpec),
                Map.entry(DeploymentStatus.class, deploymentStatus), Map.entry(DeploymentCondition.class, deploymentCondition),
                Map.entry(ReplicaSet.class, replicaSet), Map.entry(ReplicaSetSpec.class, replicaSetSpec),
                Map.entry(ReplicaSetStatus.class, replicaSetStatus), Map.entry(PodTemplateSpec.class, template),
                Map.entry(LabelSelector.class, selector), Map.entry(Service.class, service), Map.entry(ServiceSpec.class, serviceSpec),
                Map.entry(ServicePort.class, servicePort), Map.entry(Event.class, event), Map.entry(ObjectReference.class, reference),
                Map.entry(EventSource.class, source)));
    }

    private void deployment(Deployment o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "apiVersion" -> o.setApiVersion(text(p));
            case "kind" -> o.setKind(text(p));
            case "metadata" -> o.setMetadata(nested(p, c, meta));
            case "spec" -> o.setSpec(nested(p, c, deploymentSpec));
            case "status" -> o.setStatus(nested(p, c, deploymentStatus));
            default -> throw JACKSON;
        }
    }

    /** strategy is Jackson's. */
    private void deploymentSpec(DeploymentSpec o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "replicas" -> o.setReplicas(integer(p));
            case "selector" -> o.setSelector(nested(p, c, selector));
            case "template" -> o.setTemplate(nested(p, c, template));
            case "minReadySeconds" -> o.setMinReadySeconds(integer(p));
            case "revisionHistoryLimit" -> o.setRevisionHistoryLimit(integer(p));
            case "progressDeadlineSeconds" -> o.setProgressDeadlineSeconds(integer(p));
            case "paused" -> o.setPaused(bool(p));
            default -> throw JACKSON;
        }
    }

    private void deploymentStatus(DeploymentStatus o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "replicas" -> o.setReplicas(integer(p));
            case "readyReplicas" -> o.setReadyReplicas(integer(p));
            case "availableReplicas" -> o.setAvailableReplicas(integer(p));
            case "updatedReplicas" -> o.setUpdatedReplicas(integer(p));
            case "unavailableReplicas" -> o.setUnavailableReplicas(integer(p));
            case "terminatingReplicas" -> o.setTerminatingReplicas(integer(p));
            case "collisionCount" -> o.setCollisionCount(integer(p));
            case "observedGeneration" -> o.setObservedGeneration(longValue(p));
            case "conditions" -> o.setConditions(list(p, c, DeploymentCondition.class, deploymentCondition));
            default -> throw JACKSON;
        }
    }

    private static void deploymentCondition(DeploymentCondition o, String name, JsonParser p, DeserializationContext c)
            throws IOException {
        switch (name) {
            case "type" -> o.setType(text(p));
            case "status" -> o.setStatus(text(p));
            case "reason" -> o.setReason(text(p));
            case "message" -> o.setMessage(text(p));
            case "lastUpdateTime" -> o.setLastUpdateTime(text(p));
            case "lastTransitionTime" -> o.setLastTransitionTime(text(p));
            default -> throw JACKSON;
        }
    }

    private void replicaSet(ReplicaSet o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "apiVersion" -> o.setApiVersion(text(p));
            case "kind" -> o.setKind(text(p));
            case "metadata" -> o.setMetadata(nested(p, c, meta));
            case "spec" -> o.setSpec(nested(p, c, replicaSetSpec));
            case "status" -> o.setStatus(nested(p, c, replicaSetStatus));
            default -> throw JACKSON;
        }
    }

    private void replicaSetSpec(ReplicaSetSpec o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "replicas" -> o.setReplicas(integer(p));
            case "selector" -> o.setSelector(nested(p, c, selector));
            case "template" -> o.setTemplate(nested(p, c, template));
            case "minReadySeconds" -> o.setMinReadySeconds(integer(p));
            default -> throw JACKSON;
        }
    }

    /** conditions are Jackson's (rare on a ReplicaSet). */
    private static void replicaSetStatus(ReplicaSetStatus o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "replicas" -> o.setReplicas(integer(p));
            case "readyReplicas" -> o.setReadyReplicas(integer(p));
            case "availableReplicas" -> o.setAvailableReplicas(integer(p));
            case "fullyLabeledReplicas" -> o.setFullyLabeledReplicas(integer(p));
            case "terminatingReplicas" -> o.setTerminatingReplicas(integer(p));
            case "observedGeneration" -> o.setObservedGeneration(longValue(p));
            default -> throw JACKSON;
        }
    }

    private void template(PodTemplateSpec o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "metadata" -> o.setMetadata(nested(p, c, meta));
            case "spec" -> o.setSpec(nested(p, c, spec));
            default -> throw JACKSON;
        }
    }

    /** status (load balancers) is Jackson's. */
    private void service(Service o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "apiVersion" -> o.setApiVersion(text(p));
            case "kind" -> o.setKind(text(p));
            case "metadata" -> o.setMetadata(nested(p, c, meta));
            case "spec" -> o.setSpec(nested(p, c, serviceSpec));
            default -> throw JACKSON;
        }
    }

    private void serviceSpec(ServiceSpec o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "selector" -> o.setSelector(textMap(p, c));
            case "ports" -> o.setPorts(list(p, c, ServicePort.class, servicePort));
            case "type" -> o.setType(text(p));
            case "clusterIP" -> o.setClusterIP(text(p));
            case "clusterIPs" -> o.setClusterIPs(texts(p, c));
            case "ipFamilies" -> o.setIpFamilies(texts(p, c));
            case "ipFamilyPolicy" -> o.setIpFamilyPolicy(text(p));
            case "sessionAffinity" -> o.setSessionAffinity(text(p));
            case "internalTrafficPolicy" -> o.setInternalTrafficPolicy(text(p));
            case "externalTrafficPolicy" -> o.setExternalTrafficPolicy(text(p));
            case "externalName" -> o.setExternalName(text(p));
            default -> throw JACKSON;
        }
    }

    /** targetPort (an IntOrString, fabric8's own deserializer) is Jackson's. */
    private static void servicePort(ServicePort o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "name" -> o.setName(text(p));
            case "port" -> o.setPort(integer(p));
            case "protocol" -> o.setProtocol(text(p));
            case "nodePort" -> o.setNodePort(integer(p));
            case "appProtocol" -> o.setAppProtocol(text(p));
            default -> throw JACKSON;
        }
    }

    /** eventTime (MicroTime), series and related are Jackson's. */
    private void event(Event o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "apiVersion" -> o.setApiVersion(text(p));
            case "kind" -> o.setKind(text(p));
            case "metadata" -> o.setMetadata(nested(p, c, meta));
            case "involvedObject" -> o.setInvolvedObject(nested(p, c, reference));
            case "reason" -> o.setReason(text(p));
            case "message" -> o.setMessage(text(p));
            case "type" -> o.setType(text(p));
            case "count" -> o.setCount(integer(p));
            case "firstTimestamp" -> o.setFirstTimestamp(text(p));
            case "lastTimestamp" -> o.setLastTimestamp(text(p));
            case "source" -> o.setSource(nested(p, c, source));
            case "reportingComponent" -> o.setReportingComponent(text(p));
            case "reportingInstance" -> o.setReportingInstance(text(p));
            case "action" -> o.setAction(text(p));
            default -> throw JACKSON;
        }
    }

    private static void reference(ObjectReference o, String name, JsonParser p, DeserializationContext c) throws IOException {
        switch (name) {
            case "apiVersion" -> o.setApiVersion(text(p));
            case "kind" -> o.setKind(text(p));
            case "name" -> o.setName(text(p));
            case "namespace" -> o.setNamespace(text(p));
            case "uid" -> o.setUid(text(p));
            case "resourceVersion" -> o.setResourceVersion(text(p));
            case "fieldPath" -> o.setFieldPath(text(p));
            default -> throw JACKSON;
        }
    }
}
