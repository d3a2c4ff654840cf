package dev.k8sai.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * --anonymize: replaces Kubernetes object names with stable placeholders ({@code pod-1}, {@code namespace-1})
 * before text goes to the LLM, and puts the real names back into the answer.
 * One instance per command run; the same real name of the same kind always maps to the same placeholder.
 * <p>
 * Matching is whole-name: a name is replaced only when not glued to other name characters
 * ([A-Za-z0-9-]), so "web" inside "web-7d9f" is not touched, while "web.shop.svc" still becomes
 * "service-1.namespace-1.svc". "_" is a boundary: Kubernetes names never contain it, and kubelet
 * texts glue names with it ("payments-7c9d_shop(uid)"). Longer names are replaced first.
 * Not thread-safe.
 */
public final class Anonymizer {

    private static final String NAME_CHARS = "A-Za-z0-9-";

    private final Map<String, String> realToPlaceholder = new LinkedHashMap<>();
    private final Map<String, String> placeholderToReal = new LinkedHashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    /** The placeholder for a name of a kind ("Pod", "namespace", ...), allocating "pod-N" on first sight. */
    public String register(String kind, String realName) {
        if (realName == null || realName.isBlank()) {
            return realName;
        }
        String prefix = kind == null || kind.isBlank() ? "object" : kind.toLowerCase(Locale.ROOT);
        String key = prefix + "/" + realName;
        String existing = realToPlaceholder.get(key);
        if (existing != null) {
            return existing;
        }
        int n = counters.merge(prefix, 1, Integer::sum);
        String placeholder = prefix + "-" + n;
        realToPlaceholder.put(key, placeholder);
        placeholderToReal.put(placeholder, realName);
        return placeholder;
    }

    /** Real name → placeholder for everything registered (keys are the real names). */
    public Map<String, String> mappings() {
        Map<String, String> out = new LinkedHashMap<>();
        placeholderToReal.forEach((placeholder, real) -> out.put(real, placeholder));
        return out;
    }

    /** Replaces every registered real name in the text. A name registered under two kinds uses the first. */
    public String anonymize(String text) {
        Map<String, String> byReal = new LinkedHashMap<>();
        placeholderToReal.forEach((placeholder, real) -> byReal.putIfAbsent(real, placeholder));
        return replaceWholeNames(text, byReal);
    }

    /** Registers names found in Kubernetes objects (metadata.name by kind, metadata.namespace), then anonymizes every string. */
    public JsonNode anonymize(JsonNode node) {
        if (node == null) {
            return null;
        }
        registerObjects(node);
        return rewrite(node.deepCopy());
    }

    /** Puts the real names back, e.g. into the model's answer. */
    public String restore(String text) {
        return replaceWholeNames(text, placeholderToReal);
    }

    private void registerObjects(JsonNode node) {
        if (node.isObject()) {
            JsonNode meta = node.get("metadata");
            if (meta != null && meta.isObject()) {
                String kind = node.path("kind").asText("object");
                register("Namespace".equals(kind) ? "namespace" : kind, meta.path("name").asText(null));
                register("namespace", meta.path("namespace").asText(null));
            }
        }
        if (node.isContainerNode()) {
            node.forEach(this::registerObjects);
        }
    }

    private JsonNode rewrite(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(anonymize(node.asText()));
        }
        if (node.isArray()) {
            ArrayNode arr = (ArrayNode) node;
            for (int i = 0; i < arr.size(); i++) {
                arr.set(i, rewrite(arr.get(i)));
            }
        } else if (node.isObject()) {
            ObjectNode obj = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            obj.fieldNames().forEachRemaining(names::add);
            for (String f : names) {
                obj.set(f, rewrite(obj.get(f)));
            }
        }
        return node;
    }

    private static String replaceWholeNames(String text, Map<String, String> replacements) {
        if (text == null || text.isEmpty() || replacements.isEmpty()) {
            return text;
        }
        List<String> keys = new ArrayList<>(replacements.keySet());
        keys.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder alternation = new StringBuilder();
        for (String k : keys) {
            if (!alternation.isEmpty()) {
                alternation.append('|');
            }
            alternation.append(Pattern.quote(k));
        }
        // one pass, so a placeholder inserted for one name is never rewritten by another
        Pattern p = Pattern.compile("(?<![" + NAME_CHARS + "])(?:" + alternation + ")(?![" + NAME_CHARS + "])");
        Matcher m = p.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(replacements.get(m.group())));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
