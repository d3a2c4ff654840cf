package dev.k8sai.analyze;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Matches Kubernetes label selectors against labels. Hand-written because fabric8 only evaluates
 * selectors server-side (as a LIST query); analyzers must evaluate them on a snapshot offline.
 * Semantics follow apimachinery's {@code LabelSelectorAsSelector}: a null selector matches nothing,
 * an empty one matches everything, and an unknown operator matches nothing.
 */
public final class LabelSelectors {

    private LabelSelectors() {
    }

    /** A full selector (matchLabels + matchExpressions), as used by NetworkPolicy, PDB, Deployment… */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> actual = labels == null ? Map.of() : labels;
        if (!matches(selector.getMatchLabels(), actual)) {
            return false;
        }
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
        if (expressions != null) {
            for (LabelSelectorRequirement r : expressions) {
                if (!matches(r, actual)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** An equality-only selector (Service.spec.selector); every pair must be present. Null/empty matches all. */
    public static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        if (selector == null || selector.isEmpty()) {
            return true;
        }
        Map<String, String> actual = labels == null ? Map.of() : labels;
        for (Map.Entry<String, String> e : selector.entrySet()) { // a loop: called per pod and selector, streams cost more without C2
            if (!e.getValue().equals(actual.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the selector has neither matchLabels nor matchExpressions (selects everything). */
    public static boolean isEmpty(LabelSelector selector) {
        return selector != null
                && (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }

    /** kubectl-style text: "app=web,tier in (a,b),!legacy"; "<none>" for null, "{}" (all) for empty. */
    public static String describe(LabelSelector selector) {
        if (selector == null) {
            return "<none>";
        }
        if (isEmpty(selector)) {
            return "{}";
        }
        List<String> parts = new ArrayList<>();
        if (selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()) {
            parts.add(describe(selector.getMatchLabels()));
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                parts.add(describe(r));
            }
        }
        return String.join(",", parts);
    }

    /** "app=web,tier=front", keys sorted so messages are stable. */
    public static String describe(Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return "{}";
        }
        if (selector.size() == 1) {
            Map.Entry<String, String> only = selector.entrySet().iterator().next();
            if (only.getKey() != null) { // (a TreeMap rejects a null key)
                return only.getKey() + "=" + only.getValue();
            }
        }
        List<String> parts = new ArrayList<>();
        new TreeMap<>(selector).forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(",", parts);
    }

    private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
        String key = r.getKey();
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        String operator = r.getOperator() == null ? "" : r.getOperator();
        return switch (operator) {
            case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
            case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
            case "Exists" -> labels.containsKey(key);
            case "DoesNotExist" -> !labels.containsKey(key);
            default -> false;
        };
    }

    private static String describe(LabelSelectorRequirement r) {
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        String operator = r.getOperator() == null ? "" : r.getOperator();
        return switch (operator) {
            case "In" -> r.getKey() + " in (" + String.join(",", values) + ")";
            case "NotIn" -> r.getKey() + " notin (" + String.join(",", values) + ")";
            case "Exists" -> r.getKey();
            case "DoesNotExist" -> "!" + r.getKey();
            default -> r.getKey() + " " + operator + " (" + String.join(",", values) + ")";
        };
    }
}
