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
 *
 * <p>Namespaces: namespaced objects without {@code metadata.namespace} get the target namespace. When the user
 * named the namespace explicitly ({@code -n}, see {@link #requireNamespace}), an object the model put in another
 * namespace is a problem sent back for repair — neither silently moved (the printed/saved YAML would then differ
 * from what is applied) nor applied elsewhere than the user said. Without {@code -n} the manifest's own namespace
 * is respected (the prompt may well say "in namespace monitoring"). Cluster-scoped kinds (Namespace, ClusterRole,
 * StorageClass, …) never carry a namespace: one written by the model is dropped, as the API server ignores it.
 *
 * <p>Offline, a kind fabric8 does not know in a group that is not a built-in Kubernetes group (a custom resource
 * such as cert-manager.io/v1 Certificate) is not an error — no repair round can make it "known" — but a note says
 * it was not checked; an unknown kind in a built-in group ({@code apps/v1 Deploymnet}) stays an error. A
 * {@code status} in a generated manifest is a problem: the server owns it, and rejecting it (rather than
 * stripping it) keeps the printed and saved YAML identical to what is validated and applied.
 */
public final class ManifestValidator {

    private final SchemaCheck schema = new SchemaCheck();
    private final ClusterGateway cluster;
    private final boolean requireNamespace;

    /** @param cluster the reachable cluster for the dry run, or null to validate offline only */
    public ManifestValidator(ClusterGateway cluster) {
        this(cluster, false);
    }

    private ManifestValidator(ClusterGateway cluster, boolean requireNamespace) {
        this.cluster = cluster;
        this.requireNamespace = requireNamespace;
    }

    /**
     * A validator that treats the namespace given to {@link #validate} as the user's explicit choice (-n): a
     * namespaced object in any other namespace is a problem. Off by default (the namespace is only a fallback).
     */
    public ManifestValidator requireNamespace(boolean require) {
        return new ManifestValidator(cluster, require);
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
        List<String> notes = new ArrayList<>(extraction.notes());
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
            if ("Secret".equals(kind) && "v1".equals(apiVersion)
                    && (doc.path("data").size() > 0 || doc.path("stringData").size() > 0)) {
                // Values are never echoed here; the diff masks them too (ManifestDiff.maskSecretValues).
                notes.add(object + " holds literal values written by the model: replace them with real ones or create "
                        + "the Secret outside generate (kubectl create secret)");
            }
            if (doc.has("status")) {
                problems.add(schemaProblem(object, "status", "remove status: the server sets it, manifests do not"));
                doc = doc.deepCopy();
                doc.remove("status"); // so the schema check does not report it a second time
            }
            Class<? extends KubernetesResource> model = schema.modelClass(apiVersion, kind);
            HasMetadata typed = null;
            boolean unchecked = false;
            if (model != null) {
                typed = schema.check(doc, model, object, problems);
            } else if (cluster == null && builtInGroup(apiVersion)) {
                problems.add(schemaProblem(object, "", "unknown kind " + kind + " in apiVersion " + apiVersion
                        + " (not a built-in Kubernetes kind; check both fields)"));
                continue;
            } else if (cluster == null) {
                // A custom resource offline: nothing here knows its schema or scope, and a repair round cannot help.
                notes.add(object + " (" + apiVersion + "): custom resource, not checked offline");
                unchecked = true;
            }
            // else: not built in (e.g. a custom resource) — only the server can judge it, below.
            ObjectNode tree = doc.deepCopy();
            // Offline, a custom resource's scope is unknown: its namespace is left as the model wrote it.
            boolean namespaced = cluster != null ? cluster.namespaced(apiVersion, kind, model)
                    : !unchecked && io.fabric8.kubernetes.api.model.Namespaced.class.isAssignableFrom(model);
            String written = text(tree.path("metadata").get("namespace"));
            if (requireNamespace && namespaced && namespace != null && written != null && !written.equals(namespace)
                    && !newNamespaces.contains(written)) {
                problems.add(schemaProblem(object, "metadata.namespace", "is \"" + written + "\" but the target namespace is \""
                        + namespace + "\" (-n): remove metadata.namespace or set it to " + namespace));
            }
            if (namespaced && namespace != null && text(tree.path("metadata").get("namespace")) == null
                    && tree.path("metadata").isObject()) {
                ((ObjectNode) tree.get("metadata")).put("namespace", namespace);
            }
            if (!namespaced && !unchecked && tree.path("metadata").has("namespace") && tree.get("metadata").isObject()) {
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
        return new ValidationReport(objects, problems, cluster != null, notes);
    }

    /**
     * Groups the Kubernetes API server serves itself. A list rather than "ends with k8s.io": Gateway API
     * (gateway.networking.k8s.io) and volume snapshots (snapshot.storage.k8s.io) are CRDs under k8s.io.
     */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "policy", "autoscaling",
            "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io", "authentication.k8s.io",
            "authorization.k8s.io", "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io",
            "flowcontrol.apiserver.k8s.io", "internal.apiserver.k8s.io", "networking.k8s.io", "node.k8s.io",
            "rbac.authorization.k8s.io", "resource.k8s.io", "scheduling.k8s.io", "storage.k8s.io",
            "storagemigration.k8s.io");

    /** Whether apiVersion is in a group the API server serves itself (where an unknown kind is a typo). */
    static boolean builtInGroup(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return BUILT_IN_GROUPS.contains(slash < 0 ? "" : apiVersion.substring(0, slash));
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
