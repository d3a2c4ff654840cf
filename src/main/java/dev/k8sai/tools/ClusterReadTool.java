package dev.k8sai.tools;

import dev.k8sai.cluster.KnownKinds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import dev.k8sai.Mappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import dev.k8sai.cluster.EventTimes;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Read-only cluster tools that use the fabric8 client directly instead of kubectl: they cannot change
 * anything (no write call exists in this class), so they never need the {@link ChangeGuard}.
 * Three modes: {@code k8s_get} (one object or a list), {@code k8s_events} (events of one object) and
 * {@code k8s_logs} (tail of a container log, optionally of the previous crashed instance).
 */
public final class ClusterReadTool implements Tool {

    public enum Mode { GET, EVENTS, LOGS }

    private static final ObjectMapper JSON = Mappers.JSON;
    private static final int MAX_TAIL = 1000;
    private static final int LOG_BYTES = 256 * 1024;

    /** kind → {apiVersion, "c" if cluster-scoped}; other kinds need an explicit apiVersion. */

    private final KubernetesClient client;
    private final Mode mode;

    public ClusterReadTool(KubernetesClient client, Mode mode) {
        this.client = client;
        this.mode = mode;
    }

    /** All three read tools on one client. */
    public static List<Tool> all(KubernetesClient client) {
        return List.of(new ClusterReadTool(client, Mode.GET), new ClusterReadTool(client, Mode.EVENTS), new ClusterReadTool(client, Mode.LOGS));
    }

    @Override
    public ToolDefinition definition() {
        return switch (mode) {
            case GET -> new ToolDefinition("k8s_get",
                    "Read one Kubernetes object (with name) or list objects of a kind, as JSON. Read-only. Secret values are never returned.",
                    """
                    {"type":"object","properties":{"kind":{"type":"string","description":"e.g. Pod, Deployment, Node"},\
                    "name":{"type":"string"},"namespace":{"type":"string","description":"omit to list across all namespaces"},\
                    "labelSelector":{"type":"string","description":"e.g. app=web"},\
                    "apiVersion":{"type":"string","description":"only needed for kinds other than the built-in common ones, e.g. cert-manager.io/v1"}},\
                    "required":["kind"]}""");
            case EVENTS -> new ToolDefinition("k8s_events",
                    "List the events about one object (newest last). Read-only.",
                    """
                    {"type":"object","properties":{"kind":{"type":"string"},"name":{"type":"string"},"namespace":{"type":"string"}},\
                    "required":["name","namespace"]}""");
            case LOGS -> new ToolDefinition("k8s_logs",
                    "Tail the log of a pod's container; previous=true gives the log of the last crashed instance. Read-only.",
                    """
                    {"type":"object","properties":{"namespace":{"type":"string"},"pod":{"type":"string"},"container":{"type":"string"},\
                    "tail":{"type":"integer","description":"lines, default 100, at most 1000"},"previous":{"type":"boolean"}},\
                    "required":["namespace","pod"]}""");
        };
    }

    @Override
    public ToolResult run(JsonNode args, Context context) {
        try {
            return switch (mode) {
                case GET -> get(args);
                case EVENTS -> events(args);
                case LOGS -> logs(args);
            };
        } catch (KubernetesClientException e) {
            String what = e.getCode() == 404 ? "not found" : e.getCode() == 403 ? "forbidden" : "failed";
            return ToolResult.failed(definition().name() + " " + what + " (HTTP " + e.getCode() + "): " + JqStage.oneLine(
                    e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage()));
        }
    }

    /** {apiVersion, "c" when cluster-scoped} of a built-in kind by any of kubectl's names, from the one kind table. */
    private static String[] knownKind(String kind) {
        return KnownKinds.named(kind).map(c -> new String[] {HasMetadata.getApiVersion(c), KnownKinds.clusterScoped(c) ? "c" : ""})
                .orElse(null);
    }

    private ToolResult get(JsonNode args) {
        String kind = Tool.string(args, "kind");
        if (kind == null) {
            return ToolResult.refused("Missing argument 'kind'.");
        }
        String[] known = knownKind(kind);
        String apiVersion = Tool.string(args, "apiVersion");
        if (apiVersion == null) {
            if (known == null) {
                return ToolResult.refused("Unknown kind '" + kind + "': pass its apiVersion too (see kubectl api-resources).");
            }
            apiVersion = known[0];
        }
        String canonicalKind = canonicalKind(kind);
        boolean clusterScoped = known != null && known[1].equals("c");
        String name = Tool.string(args, "name");
        String namespace = Tool.string(args, "namespace");
        String selector = Tool.string(args, "labelSelector");
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> op =
                client.genericKubernetesResources(apiVersion, canonicalKind);
        if (name != null) {
            String ns = clusterScoped ? null : namespace != null ? namespace : client.getNamespace();
            GenericKubernetesResource r = ns == null ? op.withName(name).get() : op.inNamespace(ns).withName(name).get();
            if (r == null) {
                return ToolResult.failed(canonicalKind + " " + (ns == null ? "" : ns + "/") + name + " not found.");
            }
            return ToolResult.ok(toJson(List.of(r), false));
        }
        List<GenericKubernetesResource> items;
        if (clusterScoped || namespace == null) {
            items = (selector == null ? op.inAnyNamespace() : op.inAnyNamespace().withLabelSelector(selector)).list().getItems();
        } else {
            items = (selector == null ? op.inNamespace(namespace) : op.inNamespace(namespace).withLabelSelector(selector)).list().getItems();
        }
        return ToolResult.ok(toJson(items, true));
    }

    /** The kind as the API names it (Pod for pods, po, pod); an unknown name is passed through. */
    private String canonicalKind(String kind) {
        return KnownKinds.named(kind).map(HasMetadata::getKind).orElse(kind);
    }

    private static String toJson(List<GenericKubernetesResource> objects, boolean asList) {
        ArrayNode items = JSON.createArrayNode();
        for (GenericKubernetesResource r : objects) {
            ObjectNode node = (ObjectNode) parse(Serialization.asJson(r));
            if ("Secret".equals(r.getKind())) {
                stripSecretValues(node);
            }
            items.add(node);
        }
        JsonNode out = items.size() == 1 && !asList ? items.get(0) : JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List").set("items", items);
        return out.toPrettyString() + "\n";
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps only the keys of a Secret, as ClusterSnapshot does: values never go towards a model. */
    private static void stripSecretValues(ObjectNode secret) {
        for (String field : List.of("data", "stringData")) {
            if (secret.get(field) instanceof ObjectNode data) {
                data.properties().forEach(e -> e.setValue(JSON.getNodeFactory().textNode("<redacted>")));
            }
        }
        if (secret.path("metadata").path("annotations") instanceof ObjectNode ann) {
            ann.remove("kubectl.kubernetes.io/last-applied-configuration"); // would contain the values again
        }
    }

    private ToolResult events(JsonNode args) {
        String name = Tool.string(args, "name");
        String namespace = Tool.string(args, "namespace");
        if (name == null || namespace == null) {
            return ToolResult.refused("Arguments 'name' and 'namespace' are required.");
        }
        String kind = Tool.string(args, "kind");
        var op = client.v1().events().inNamespace(namespace).withField("involvedObject.name", name);
        if (kind != null) {
            op = op.withField("involvedObject.kind", canonicalKind(kind));
        }
        List<Event> events = new ArrayList<>(op.list().getItems());
        if (events.isEmpty()) {
            return ToolResult.ok("No events for " + (kind == null ? "" : canonicalKind(kind) + " ") + namespace + "/" + name
                    + " (events expire after about an hour).\n");
        }
        events.sort(Comparator.comparing(EventTimes::lastSeen));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"LAST SEEN", "TYPE", "REASON", "OBJECT", "COUNT", "MESSAGE"});
        for (Event e : events) {
            rows.add(new String[] {EventTimes.lastSeen(e).isEmpty() ? "-" : EventTimes.lastSeen(e), e.getType(), e.getReason(),
                    e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName(),
                    String.valueOf(e.getCount() == null ? 1 : e.getCount()),
                    e.getMessage() == null ? "-" : e.getMessage().replaceAll("\\s+", " ")});
        }
        return ToolResult.ok(Stages.join(Stages.alignColumns(rows)));
    }

    private ToolResult logs(JsonNode args) {
        String namespace = Tool.string(args, "namespace");
        String pod = Tool.string(args, "pod");
        if (namespace == null || pod == null) {
            return ToolResult.refused("Arguments 'namespace' and 'pod' are required.");
        }
        int tail = Math.clamp(args.path("tail").asInt(100), 1, MAX_TAIL);
        boolean previous = args.path("previous").asBoolean(false);
        String container = Tool.string(args, "container");
        var podOp = client.pods().inNamespace(namespace).withName(pod);
        // fabric8 returns an empty log instead of an error for pods without logs; check first so the
        // model learns why there is nothing to read
        Pod p = podOp.get();
        if (p == null) {
            return ToolResult.failed("Pod " + namespace + "/" + pod + " not found.");
        }
        List<String> names = p.getSpec().getContainers().stream().map(Container::getName).toList();
        if (container != null && !names.contains(container)
                && p.getSpec().getInitContainers().stream().noneMatch(ic -> ic.getName().equals(container))) {
            return ToolResult.failed("Pod " + namespace + "/" + pod + " has no container '" + container + "'; containers: " + String.join(", ", names) + ".");
        }
        if (container == null && names.size() > 1) {
            return ToolResult.refused("Pod " + namespace + "/" + pod + " has several containers; pass 'container', one of: " + String.join(", ", names) + ".");
        }
        if (p.getSpec().getNodeName() == null || p.getSpec().getNodeName().isEmpty()) {
            return ToolResult.failed("Pod " + namespace + "/" + pod + " is not scheduled to a node, so it has no logs yet; check its events instead.");
        }
        ContainerResource base = container == null ? podOp : podOp.inContainer(container);
        // fabric8's log DSL offers either a byte limit or the previous instance, not both
        String log = previous ? base.terminated().tailingLines(tail).getLog() : base.limitBytes(LOG_BYTES).tailingLines(tail).getLog();
        return ToolResult.ok(log == null || log.isEmpty() ? "(empty log)\n" : log);
    }
}
