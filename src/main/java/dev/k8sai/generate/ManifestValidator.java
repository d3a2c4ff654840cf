package dev.k8sai.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Layered validation of extracted manifests, collecting every problem of every object:
 * (a) YAML parsing (done by {@link ManifestExtractor}, its problems are carried over);
 * (b) offline: apiVersion, kind, metadata.name, a kind/apiVersion pair fabric8 knows, and a schema check against
 * the fabric8 model (unknown fields, wrong types — see {@link SchemaCheck});
 * (c) with a reachable cluster: server-side apply in dry-run mode with strict field validation, which catches
 * what only the server knows (port ranges, label syntax, admission, custom resource schemas).
 */
public final class ManifestValidator {

    private final SchemaCheck schema = new SchemaCheck();
    private final ClusterGateway cluster;

    /** @param cluster the reachable cluster for the dry run, or null to validate offline only */
    public ManifestValidator(ClusterGateway cluster) {
        this.cluster = cluster;
    }

    public static ManifestValidator offline() {
        return new ManifestValidator(null);
    }

    public boolean online() {
        return cluster != null;
    }

    /**
     * Validates the extraction; namespaced objects without a namespace get {@code namespace} (null: leave unset).
     */
    public ValidationReport validate(Extraction extraction, String namespace) {
        List<ManifestProblem> problems = new ArrayList<>(extraction.problems());
        List<HasMetadata> objects = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // Namespaces created by these same manifests: objects inside them cannot be dry-run before they exist.
        Set<String> newNamespaces = new HashSet<>();
        for (ObjectNode doc : extraction.documents()) {
            if ("Namespace".equals(text(doc.get("kind"))) && "v1".equals(text(doc.get("apiVersion")))
                    && text(doc.path("metadata").get("name")) != null) {
                newNamespaces.add(text(doc.path("metadata").get("name")));
            }
        }
        int index = 0;
        for (ObjectNode doc : extraction.documents()) {
            index++;
            String apiVersion = text(doc.get("apiVersion"));
            String kind = text(doc.get("kind"));
            String name = text(doc.path("metadata").get("name"));
            String object = kind != null && name != null ? kind + "/" + name
                    : kind != null ? kind + " (document " + index + ")" : "document " + index;
            int before = problems.size();
            if (apiVersion == null) {
                problems.add(schemaProblem(object, "apiVersion", "required field missing"));
            }
            if (kind == null) {
                problems.add(schemaProblem(object, "kind", "required field missing"));
            }
            if (!doc.path("metadata").isObject()) {
                problems.add(schemaProblem(object, "metadata", "required field missing"));
            } else if (name == null) {
                problems.add(schemaProblem(object, "metadata.name", "required field missing"));
            }
            if (apiVersion == null || kind == null) {
                continue;
            }
            Class<? extends KubernetesResource> model = schema.modelClass(apiVersion, kind);
            HasMetadata typed = null;
            if (model != null) {
                typed = schema.check(doc, model, object, problems);
            } else if (cluster == null) {
                problems.add(schemaProblem(object, "", "unknown kind " + kind + " in apiVersion " + apiVersion
                        + " (not a built-in Kubernetes kind; check both fields)"));
                continue;
            }
            // else: not built in (e.g. a custom resource) — only the server can judge it, below.
            ObjectNode tree = doc.deepCopy();
            boolean namespaced = cluster != null ? cluster.namespaced(apiVersion, kind, model)
                    : io.fabric8.kubernetes.api.model.Namespaced.class.isAssignableFrom(model);
            if (namespaced && namespace != null && text(tree.path("metadata").get("namespace")) == null
                    && tree.path("metadata").isObject()) {
                ((ObjectNode) tree.get("metadata")).put("namespace", namespace);
            }
            if (!namespaced && tree.path("metadata").has("namespace") && tree.get("metadata").isObject()) {
                ((ObjectNode) tree.get("metadata")).remove("namespace");
            }
            String ns = text(tree.path("metadata").get("namespace"));
            if (name != null && !seen.add(apiVersion.replaceAll("/.*", "") + "|" + kind + "|" + ns + "|" + name)) {
                problems.add(schemaProblem(object, "", "duplicate object: " + kind + " " + name + " appears twice"));
            }
            HasMetadata result;
            if (typed != null) {
                typed.getMetadata().setNamespace(namespaced ? ns : null);
                result = typed;
            } else {
                result = toGeneric(tree);
            }
            if (name != null && (typed != null || model == null)) {
                objects.add(result);
            }
            boolean pendingNamespace = ns != null && newNamespaces.contains(ns) && !clusterHasNamespace(ns);
            if (cluster != null && problems.size() == before && !pendingNamespace) {
                // Only objects that passed the offline check go to the server: its messages would repeat ours.
                problems.addAll(cluster.dryRun(toGeneric(tree), object));
            }
        }
        return new ValidationReport(objects, problems, cluster != null);
    }

    private boolean clusterHasNamespace(String namespace) {
        return cluster != null && cluster.namespaceExists(namespace);
    }

    /** The object as a GenericKubernetesResource, which keeps every field as the model wrote it. */
    GenericKubernetesResource toGeneric(JsonNode tree) {
        return schema.serialization().convertValue(tree, GenericKubernetesResource.class);
    }

    /** A validated object as a GenericKubernetesResource, for the cluster operations. */
    GenericKubernetesResource toGeneric(HasMetadata object) {
        if (object instanceof GenericKubernetesResource g) {
            return g;
        }
        return schema.serialization().convertValue(object, GenericKubernetesResource.class);
    }

    /** A fabric8 object as a JSON tree, serialised with fabric8's own modules. */
    JsonNode toTree(Object object) {
        return schema.serialization().convertValue(object, JsonNode.class);
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }

    private static ManifestProblem schemaProblem(String object, String path, String message) {
        return new ManifestProblem(object, path, message, ManifestProblem.Layer.SCHEMA);
    }
}
