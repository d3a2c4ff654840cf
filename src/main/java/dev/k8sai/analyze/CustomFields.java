package dev.k8sai.analyze;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads fields of custom resources (kept as untyped maps): nested values by path and the usual
 * {@code status.conditions} list. Hand-written instead of model classes because Gateway API, OLM and
 * arbitrary CRDs are read in whatever version the cluster serves; only these few fields matter.
 */
final class CustomFields {

    /** One entry of a conditions list. */
    record Condition(String type, String status, String reason, String message) {

        boolean isTrue() {
            return "True".equals(status);
        }

        boolean isFalse() {
            return "False".equals(status);
        }

        /** "Ready=False (IssuerNotFound): issuer letsencrypt not found". */
        String describe() {
            return type + "=" + status + (reason == null || reason.isBlank() ? "" : " (" + reason + ")")
                    + (message == null || message.isBlank() ? "" : ": " + message.strip().replace('\n', ' '));
        }
    }

    private CustomFields() {
    }

    /** The value at {@code path} under the object's top-level fields (spec, status…), or null. */
    static Object get(GenericKubernetesResource o, String... path) {
        Object current = o.getAdditionalProperties();
        for (String p : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(p);
        }
        return current;
    }

    static Object get(Object map, String... path) {
        Object current = map;
        for (String p : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(p);
        }
        return current;
    }

    static String string(Object root, String... path) {
        Object v = root instanceof GenericKubernetesResource g ? get(g, path) : get(root, path);
        return v == null ? null : String.valueOf(v);
    }

    /** The list at {@code path} (maps only), empty when absent. */
    static List<Object> list(Object root, String... path) {
        Object v = root instanceof GenericKubernetesResource g ? get(g, path) : get(root, path);
        return v instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    /** The conditions at {@code path} (usually status.conditions). */
    static List<Condition> conditions(Object root, String... path) {
        List<Condition> result = new ArrayList<>();
        for (Object c : list(root, path)) {
            if (c instanceof Map<?, ?> m && m.get("type") != null) {
                result.add(new Condition(String.valueOf(m.get("type")), str(m.get("status")), str(m.get("reason")),
                        str(m.get("message"))));
            }
        }
        return result;
    }

    static List<Condition> conditions(GenericKubernetesResource o) {
        return conditions(o, "status", "conditions");
    }

    static Optional<Condition> condition(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    private static String str(Object v) {
        return v == null ? null : String.valueOf(v);
    }
}
