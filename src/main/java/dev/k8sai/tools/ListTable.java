package dev.k8sai.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a big kubectl JSON List as a compact table with status-ish columns chosen by kind, so the
 * model sees every item's name and health instead of a truncated blob.
 */
final class ListTable {

    private ListTable() { }

    static String render(JsonNode list, int threshold) {
        JsonNode items = list.path("items");
        String kind = commonKind(items);
        List<String[]> rows = new ArrayList<>();
        rows.add(header(kind));
        for (JsonNode item : items) {
            rows.add(row(kind, item));
        }
        return String.join("\n", Stages.alignColumns(rows)) + "\n"
                + "[compacted: " + items.size() + " " + (kind.isEmpty() ? "items" : kind + " items")
                + " shown as a table (more than " + threshold + "). For full objects select fewer with -l, --field-selector or a name,"
                + " or extract fields with -o jsonpath / | jq]\n";
    }

    private static String commonKind(JsonNode items) {
        String kind = null;
        for (JsonNode i : items) {
            String k = i.path("kind").asText("");
            if (kind == null) {
                kind = k;
            } else if (!kind.equals(k)) {
                return "";
            }
        }
        return kind == null ? "" : kind;
    }

    private static String[] header(String kind) {
        return switch (kind) {
            case "Pod" -> new String[] {"NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "NODE"};
            case "Deployment", "StatefulSet", "ReplicaSet" -> new String[] {"NAMESPACE", "NAME", "READY", "UP-TO-DATE", "AVAILABLE"};
            case "DaemonSet" -> new String[] {"NAMESPACE", "NAME", "DESIRED", "READY", "AVAILABLE"};
            case "Service" -> new String[] {"NAMESPACE", "NAME", "TYPE", "CLUSTER-IP", "PORTS"};
            case "Node" -> new String[] {"NAME", "STATUS", "VERSION"};
            case "Event" -> new String[] {"NAMESPACE", "TYPE", "REASON", "OBJECT", "COUNT", "MESSAGE"};
            case "Job" -> new String[] {"NAMESPACE", "NAME", "SUCCEEDED", "FAILED", "ACTIVE"};
            case "PersistentVolumeClaim" -> new String[] {"NAMESPACE", "NAME", "STATUS", "VOLUME", "STORAGECLASS"};
            default -> new String[] {"NAMESPACE", "KIND", "NAME", "STATUS"};
        };
    }

    private static String[] row(String kind, JsonNode o) {
        JsonNode md = o.path("metadata");
        String ns = text(md.path("namespace"));
        String name = text(md.path("name"));
        JsonNode spec = o.path("spec");
        JsonNode st = o.path("status");
        return switch (kind) {
            case "Pod" -> {
                int total = spec.path("containers").size();
                int ready = 0, restarts = 0;
                String reason = null;
                for (JsonNode cs : st.path("containerStatuses")) {
                    ready += cs.path("ready").asBoolean() ? 1 : 0;
                    restarts += cs.path("restartCount").asInt();
                    if (reason == null && cs.path("state").has("waiting")) {
                        reason = cs.path("state").path("waiting").path("reason").asText(null);
                    } else if (reason == null && cs.path("state").has("terminated")) {
                        reason = cs.path("state").path("terminated").path("reason").asText(null);
                    }
                }
                String status = md.has("deletionTimestamp") ? "Terminating" : reason != null ? reason : text(st.path("phase"));
                yield new String[] {ns, name, ready + "/" + total, status, String.valueOf(restarts), text(spec.path("nodeName"))};
            }
            case "Deployment", "StatefulSet", "ReplicaSet" -> new String[] {ns, name,
                    st.path("readyReplicas").asInt() + "/" + spec.path("replicas").asInt(1),
                    String.valueOf(st.path("updatedReplicas").asInt()), String.valueOf(st.path("availableReplicas").asInt())};
            case "DaemonSet" -> new String[] {ns, name, String.valueOf(st.path("desiredNumberScheduled").asInt()),
                    String.valueOf(st.path("numberReady").asInt()), String.valueOf(st.path("numberAvailable").asInt())};
            case "Service" -> {
                List<String> ports = new ArrayList<>();
                for (JsonNode p : spec.path("ports")) {
                    ports.add(p.path("port").asText() + "/" + p.path("protocol").asText("TCP"));
                }
                yield new String[] {ns, name, text(spec.path("type")), text(spec.path("clusterIP")), ports.isEmpty() ? "<none>" : String.join(",", ports)};
            }
            case "Node" -> new String[] {name, condition(st, "Ready").equals("True") ? "Ready" : "NotReady",
                    text(st.path("nodeInfo").path("kubeletVersion"))};
            case "Event" -> {
                JsonNode io = o.path("involvedObject").isMissingNode() ? o.path("regarding") : o.path("involvedObject");
                String msg = o.path("message").asText(o.path("note").asText("")).replaceAll("\\s+", " ");
                yield new String[] {ns, text(o.path("type")), text(o.path("reason")),
                        io.path("kind").asText("") + "/" + io.path("name").asText(""), String.valueOf(o.path("count").asInt(1)),
                        msg.length() > 120 ? msg.substring(0, 120) + "…" : msg.isEmpty() ? "-" : msg};
            }
            case "Job" -> new String[] {ns, name, String.valueOf(st.path("succeeded").asInt()), String.valueOf(st.path("failed").asInt()),
                    String.valueOf(st.path("active").asInt())};
            case "PersistentVolumeClaim" -> new String[] {ns, name, text(st.path("phase")), text(spec.path("volumeName")),
                    text(spec.path("storageClassName"))};
            default -> new String[] {ns, o.path("kind").asText("-"), name, genericStatus(st)};
        };
    }

    private static String genericStatus(JsonNode st) {
        if (st.has("phase")) {
            return st.path("phase").asText();
        }
        String ready = condition(st, "Ready");
        if (!ready.isEmpty()) {
            return "Ready=" + ready;
        }
        String available = condition(st, "Available");
        return available.isEmpty() ? "-" : "Available=" + available;
    }

    private static String condition(JsonNode st, String type) {
        for (JsonNode c : st.path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c.path("status").asText("");
            }
        }
        return "";
    }

    /** Empty cells show "-" so columns stay readable. */
    private static String text(JsonNode n) {
        String s = n.asText("");
        return s.isEmpty() ? "-" : s;
    }
}
