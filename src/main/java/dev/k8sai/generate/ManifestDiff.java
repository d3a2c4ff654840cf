package dev.k8sai.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Per-object diff between the live cluster and the generated manifests. Like {@code kubectl diff}, the "after"
 * side is the server's dry-run apply result when the server can compute it, so defaults the server fills in
 * (strategy, terminationMessagePath, …) do not show up as noise; otherwise the generated object itself.
 * Both sides are cleaned of server bookkeeping (managedFields, status, resourceVersion, uid, …).
 */
public final class ManifestDiff {

    /** One object's diff: {@code newObject} when it does not exist yet, else {@code diff} ("" = unchanged). */
    public record Entry(String object, boolean newObject, String diff) {

        public boolean unchanged() {
            return !newObject && diff.isEmpty();
        }
    }

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS) // "1" and 1 must look different
            .build();
    private static final List<String> METADATA_NOISE = List.of(
            "managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "selfLink",
            "deletionTimestamp", "deletionGracePeriodSeconds");
    private static final List<String> ANNOTATION_NOISE = List.of(
            "kubectl.kubernetes.io/last-applied-configuration", "deployment.kubernetes.io/revision");

    private final ManifestValidator validator;
    private final ClusterGateway cluster;

    public ManifestDiff(ManifestValidator validator, ClusterGateway cluster) {
        this.validator = validator;
        this.cluster = cluster;
    }

    public List<Entry> diff(List<HasMetadata> objects) {
        return objects.stream().map(this::diff).toList();
    }

    public Entry diff(HasMetadata object) {
        GenericKubernetesResource generated = validator.toGeneric(object);
        String name = dev.k8sai.report.ObjectRef.of(object).toString();
        Optional<GenericKubernetesResource> live = cluster.live(generated);
        if (live.isEmpty()) {
            return new Entry(name, true, "");
        }
        HasMetadata after = cluster.dryRunResult(generated).orElse(generated);
        JsonNode before = validator.toTree(live.get());
        JsonNode next = validator.toTree(after);
        if ("Secret".equals(object.getKind())) {
            maskSecretValues(before, next);
        }
        return new Entry(name, false, LineDiff.unified("live " + name, yaml(before), "generated " + name, yaml(next)));
    }

    /**
     * Secret values never reach the terminal: like kubectl diff, each value becomes "***", or "*** (before)" and
     * "*** (after)" when it changes, so the diff still says which keys change.
     */
    static void maskSecretValues(JsonNode before, JsonNode after) {
        for (String field : List.of("data", "stringData")) {
            JsonNode b = before.path(field);
            JsonNode a = after.path(field);
            java.util.Set<String> keys = new java.util.TreeSet<>();
            b.fieldNames().forEachRemaining(keys::add);
            a.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                boolean same = b.has(k) && a.has(k) && b.get(k).equals(a.get(k));
                if (b instanceof ObjectNode bo && bo.has(k)) {
                    bo.put(k, same ? "***" : "*** (before)");
                }
                if (a instanceof ObjectNode ao && ao.has(k)) {
                    ao.put(k, same ? "***" : "*** (after)");
                }
            }
        }
    }

    /** Cleaned, stable YAML of an object for diffing. */
    static String yaml(JsonNode tree) {
        try {
            if (tree instanceof ObjectNode o) {
                o.remove("status");
                if (o.get("metadata") instanceof ObjectNode meta) {
                    meta.remove(METADATA_NOISE);
                    if (meta.get("annotations") instanceof ObjectNode ann) {
                        ann.remove(ANNOTATION_NOISE);
                        if (ann.isEmpty()) {
                            meta.remove("annotations");
                        }
                    }
                }
            }
            return YAML.writeValueAsString(sorted(tree));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keys sorted so both sides list fields in the same order whatever produced them. */
    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode o) {
            ObjectNode out = YAML.createObjectNode();
            List<String> names = new java.util.ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String n : names) {
                out.set(n, sorted(o.get(n)));
            }
            return out;
        }
        if (node.isArray()) {
            var arr = YAML.createArrayNode();
            node.forEach(e -> arr.add(sorted(e)));
            return arr;
        }
        return node;
    }
}
