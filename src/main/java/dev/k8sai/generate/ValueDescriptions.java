package dev.k8sai.generate;

import com.fasterxml.jackson.databind.JsonNode;

/** Short descriptions of YAML values for error messages: {@code "three"}, {@code 3}, {@code a list}. */
final class ValueDescriptions {

    private ValueDescriptions() {
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            String s = node.asText();
            return "\"" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "\"";
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
