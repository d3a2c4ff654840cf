package dev.k8sai.generate;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Offline schema check with the fabric8 model, whose classes are generated from the Kubernetes OpenAPI schema.
 *
 * <p>Two fabric8 behaviours have to be worked around to make that a real check: the model classes keep unknown
 * fields in an {@code additionalProperties} map (a {@code @JsonAnySetter}) instead of failing, so unknown fields
 * are found by walking the typed object afterwards; and Jackson stops at the first type error, so a field with a
 * wrong type is recorded, removed from a copy of the tree, and deserialisation is retried — every error of the
 * object is reported in one go. Scalars are never coerced ("3" is not an integer, 8080 is not a string), as the
 * API server's strict JSON decoding does not coerce either.
 */
final class SchemaCheck {

    private static final int MAX_TYPE_ERRORS = 50;

    private final ObjectMapper mapper;
    private final KubernetesSerialization serialization;

    SchemaCheck() {
        mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (LogicalType t : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        for (CoercionInputShape s : List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(s, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        // KubernetesSerialization registers fabric8's modules on our mapper and knows apiVersion/kind → class.
        serialization = new KubernetesSerialization(mapper, true);
        // fabric8 registers a lenient Integer deserializer (GoIntegerDeserializer, for octal file modes) that also
        // parses "6379"; the API server rejects a string there, so a strict one is registered after it and wins.
        mapper.registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("k8s-ai-agent-strict-int")
                .addDeserializer(Integer.class, new StrictInteger()));
    }

    /** Integers only from JSON numbers, as Go's encoding/json does for int32 fields. */
    private static final class StrictInteger extends com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer<Integer> {
        private StrictInteger() {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.databind.DeserializationContext ctxt)
                throws java.io.IOException {
            if (p.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT && p.getNumberType()
                    == com.fasterxml.jackson.core.JsonParser.NumberType.INT) {
                return p.getIntValue();
            }
            return (Integer) ctxt.handleUnexpectedToken(Integer.class, p);
        }
    }

    KubernetesSerialization serialization() {
        return serialization;
    }

    /** The fabric8 model class for apiVersion/kind, or null when fabric8 has no built-in model (e.g. a CRD). */
    Class<? extends KubernetesResource> modelClass(String apiVersion, String kind) {
        Class<? extends KubernetesResource> c = serialization.getRegisteredKubernetesResource(apiVersion, kind);
        return c == null || c == GenericKubernetesResource.class ? null : c;
    }

    /** Checks one object against its model class, adding problems; returns the typed object or null. */
    HasMetadata check(ObjectNode tree, Class<? extends KubernetesResource> type, String object, List<ManifestProblem> problems) {
        ObjectNode copy = tree.deepCopy();
        for (int attempt = 0; attempt < MAX_TYPE_ERRORS; attempt++) {
            try {
                Object typed = mapper.treeToValue(copy, type);
                if (!(typed instanceof HasMetadata hm)) {
                    problems.add(problem(object, "", type.getSimpleName() + " is not a top-level object"));
                    return null;
                }
                walkUnknown(typed, "", object, problems);
                return hm;
            } catch (MismatchedInputException e) {
                List<JsonMappingException.Reference> refs = e.getPath();
                String path = path(refs);
                JsonNode actual = at(tree, refs);
                problems.add(problem(object, path, "expected " + typeName(e) + ", got " + ValueDescriptions.describe(actual)));
                if (refs.isEmpty() || !remove(copy, refs)) {
                    return null;
                }
            } catch (JsonMappingException e) {
                problems.add(problem(object, path(e.getPath()), e.getOriginalMessage()));
                if (e.getPath().isEmpty() || !remove(copy, e.getPath())) {
                    return null;
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                problems.add(problem(object, "", e.getMessage()));
                return null;
            }
        }
        return null;
    }

    private void walkUnknown(Object value, String path, String object, List<ManifestProblem> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walkUnknown(list.get(i), path + "[" + i + "]", object, problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walkUnknown(e.getValue(), join(path, String.valueOf(e.getKey())), object, problems);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")
                || value instanceof IntOrString || value instanceof Quantity) {
            return;
        }
        JavaType type = mapper.constructType(value.getClass());
        BeanDescription desc = mapper.getSerializationConfig().introspect(type);
        List<BeanPropertyDefinition> props = desc.findProperties();
        Object extra = null;
        try {
            extra = value.getClass().getMethod("getAdditionalProperties").invoke(value);
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // not every model class has the map
        }
        if (extra instanceof Map<?, ?> unknown) {
            List<String> known = props.stream().map(BeanPropertyDefinition::getName).toList();
            for (Object key : unknown.keySet()) {
                String suggestion = closest(String.valueOf(key), known);
                problems.add(problem(object, join(path, String.valueOf(key)),
                        "unknown field" + (suggestion == null ? "" : " (did you mean " + suggestion + "?)")));
            }
        }
        for (BeanPropertyDefinition p : props) {
            AnnotatedMember accessor = p.getAccessor();
            if (accessor == null || p.getName().equals("additionalProperties")) {
                continue;
            }
            Object child;
            try {
                child = accessor.getValue(value);
            } catch (RuntimeException e) {
                continue;
            }
            if (child instanceof Collection<?> || child instanceof Map<?, ?>
                    || (child != null && child.getClass().getName().startsWith("io.fabric8.kubernetes.api.model"))) {
                walkUnknown(child instanceof Collection<?> c && !(c instanceof List<?>) ? List.copyOf(c) : child,
                        join(path, p.getName()), object, problems);
            }
        }
    }

    /** The closest known field name within edit distance 2 — helps both the user and the repairing model. */
    static String closest(String name, List<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String typeName(MismatchedInputException e) {
        Class<?> t = e.getTargetType();
        if (t == null) {
            return "a different type";
        }
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class || t == Short.class) {
            return "integer";
        }
        if (t == Double.class || t == Float.class || t == double.class || t == float.class) {
            return "number";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "boolean";
        }
        if (t == String.class) {
            return "string";
        }
        if (Collection.class.isAssignableFrom(t) || t.isArray()) {
            return "a list";
        }
        if (t == IntOrString.class) {
            return "integer or string";
        }
        if (t == Quantity.class) {
            return "a quantity such as 100m or 128Mi";
        }
        if (e instanceof InvalidFormatException && t.isEnum()) {
            return "one of " + java.util.Arrays.toString(t.getEnumConstants());
        }
        return "an object (" + t.getSimpleName() + ")";
    }

    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static JsonNode at(JsonNode root, List<JsonMappingException.Reference> refs) {
        JsonNode n = root;
        for (JsonMappingException.Reference r : refs) {
            n = r.getFieldName() != null ? n.path(r.getFieldName()) : n.path(r.getIndex());
        }
        return n;
    }

    /** Removes the field at refs from tree so deserialisation can continue past it. */
    private static boolean remove(JsonNode root, List<JsonMappingException.Reference> refs) {
        JsonNode parent = at(root, refs.subList(0, refs.size() - 1));
        JsonMappingException.Reference last = refs.getLast();
        if (last.getFieldName() != null && parent instanceof ObjectNode o && o.has(last.getFieldName())) {
            o.remove(last.getFieldName());
            return true;
        }
        if (last.getFieldName() == null && parent instanceof ArrayNode a && last.getIndex() >= 0 && last.getIndex() < a.size()) {
            // keep indexes stable for the following errors: null the element rather than removing it
            if (a.get(last.getIndex()).isNull()) {
                return false;
            }
            a.set(last.getIndex(), a.nullNode());
            return true;
        }
        return false;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static ManifestProblem problem(String object, String path, String message) {
        return new ManifestProblem(object, path, message, ManifestProblem.Layer.SCHEMA);
    }
}
