package dev.k8sai.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structural redaction: a JSON or YAML document (kubectl -o json/yaml, a {@code --raw} body, a kubeconfig,
 * a last-applied annotation inside another object) is parsed and redacted by what each field means,
 * never by where it happens to be printed:
 * <ul>
 * <li>Secret {@code data}/{@code stringData}: of an object whose kind is Secret, of a kind-less item of a
 *     {@code SecretList} ({@code --raw} lists carry no kind per item), and of any kind-less object shaped
 *     like a Secret (a data map next to {@code type} or {@code metadata});</li>
 * <li>fields with secret-like names ({@link SecretNames}: annotations, kubeconfig's {@code token},
 *     {@code client-key-data}, {@code password}, …) and env entries {@code {name, value}} with one;</li>
 * <li>a secret-like flag in an argument list ({@code ["--db-password", "x"]}): the element after it;</li>
 * <li>every other string through the text rules of {@link Redactor} (credentials in URLs, key formats,
 *     embedded documents), so no later stage can cut a credential out of a larger value.</li>
 * </ul>
 * Every replaced value goes to the run's {@link SecretLedger}.
 */
final class DocumentRedactor {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());
    /** Text that starts like a YAML Kubernetes document or kubeconfig (describe output must not be taken for YAML). */
    private static final Pattern YAML_DOCUMENT = Pattern.compile(
            "^(?:---[ \\t]*\\n)?(?:#[^\\n]*\\n)*(?:apiVersion|kind|items|metadata|data|stringData|clusters|users|contexts|current-context):");
    private static final Pattern FLAG = Pattern.compile("--?([A-Za-z][A-Za-z0-9_.-]*+)");

    private DocumentRedactor() {
    }

    /** The redacted text of a JSON value stream or YAML document, or null when the text is neither. */
    static String redactDocument(String text, Hits hits) {
        String trimmed = text.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            List<JsonNode> values = readAll(JSON, trimmed);
            if (values != null && values.stream().allMatch(JsonNode::isContainerNode)) {
                int before = hits.count();
                List<String> out = new ArrayList<>();
                for (JsonNode v : values) {
                    out.add(walk(v.deepCopy(), hits, null).toPrettyString());
                }
                return hits.count() == before ? text : String.join("\n", out) + (text.endsWith("\n") ? "\n" : "");
            }
            return null;
        }
        if (YAML_DOCUMENT.matcher(trimmed).lookingAt()) {
            List<JsonNode> docs = readAll(YAML, trimmed);
            if (docs != null && !docs.isEmpty() && docs.stream().allMatch(d -> d == null || d.isContainerNode())) {
                int before = hits.count();
                StringBuilder out = new StringBuilder();
                try {
                    for (JsonNode d : docs) {
                        if (d != null) {
                            out.append(out.isEmpty() ? "" : "---\n").append(YAML.writeValueAsString(walk(d.deepCopy(), hits, null)));
                        }
                    }
                } catch (Exception e) {
                    return null;
                }
                return hits.count() == before ? text : out.toString();
            }
        }
        return null;
    }

    private static List<JsonNode> readAll(ObjectMapper mapper, String text) {
        List<JsonNode> values = new ArrayList<>();
        try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                values.add(it.nextValue());
            }
            return values;
        } catch (Exception | StackOverflowError e) { // snakeyaml throws unchecked exceptions on odd input
            return null;
        }
    }

    static JsonNode walk(JsonNode node, Hits hits, String inheritedKind) {
        if (node.isTextual()) {
            Redaction r = Redactor.redact(node.asText(), hits.seen());
            hits.add(r.count());
            return r.count() == 0 ? node : TextNode.valueOf(r.text());
        }
        if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                String flagLabel = flagLabel(arr.get(i));
                if (flagLabel != null && i + 1 < arr.size() && arr.get(i + 1).isValueNode()
                        && flagLabel(arr.get(i + 1)) == null && Redactor.secretValue(flagName(arr.get(i)), arr.get(i + 1).asText())) {
                    arr.set(i + 1, TextNode.valueOf(hits.hit(Redactor.placeholder(flagLabel), arr.get(i + 1).asText())));
                    i++;
                    continue;
                }
                arr.set(i, walk(arr.get(i), hits, inheritedKind));
            }
            return arr;
        }
        if (!(node instanceof ObjectNode obj)) {
            return node;
        }
        String kind = obj.path("kind").isTextual() ? obj.get("kind").asText() : inheritedKind;
        boolean secret = kind != null ? kind.equalsIgnoreCase("Secret") : looksLikeSecret(obj);
        String itemKind = kind != null && kind.endsWith("List") && kind.length() > 4 ? kind.substring(0, kind.length() - 4) : null;
        JsonNode envName = obj.get("name");
        String envLabel = envName != null && envName.isTextual() && obj.has("value") ? SecretNames.label(envName.asText()) : null;
        List<String> names = new ArrayList<>();
        obj.fieldNames().forEachRemaining(names::add);
        for (String field : names) {
            JsonNode value = obj.get(field);
            if (secret && (field.equals("data") || field.equals("stringData"))) {
                obj.set(field, secretData(value, hits));
                continue;
            }
            if (field.equals("items") && value.isArray()) {
                obj.set(field, walk(value, hits, itemKind));
                continue;
            }
            boolean envValue = field.equals("value") && envLabel != null;
            String labelName = envValue ? envName.asText() : field;
            String label = envValue ? envLabel : SecretNames.label(field);
            if (label != null && value.isValueNode() && Redactor.secretValue(labelName, value.asText())) {
                obj.set(field, TextNode.valueOf(hits.hit(Redactor.placeholder(label), value.asText())));
                continue;
            }
            if (label != null && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    if (value.get(i).isValueNode() && Redactor.secretValue(labelName, value.get(i).asText())) {
                        ((ArrayNode) value).set(i, TextNode.valueOf(hits.hit(Redactor.placeholder(label), value.get(i).asText())));
                    }
                }
            }
            obj.set(field, walk(value, hits, null));
        }
        return obj;
    }

    /** A kind-less object with a data map beside type or metadata: a Secret until proven otherwise. */
    private static boolean looksLikeSecret(ObjectNode obj) {
        return (obj.path("data").isObject() || obj.path("stringData").isObject()) && (obj.has("type") || obj.has("metadata"));
    }

    private static JsonNode secretData(JsonNode value, Hits hits) {
        if (value instanceof ObjectNode data) {
            List<String> keys = new ArrayList<>();
            data.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                JsonNode v = data.get(k);
                if (!v.isNull() && !v.asText("").contains("[REDACTED")) {
                    data.put(k, hits.hit(Redactor.placeholder("secret_data"), v.isValueNode() ? v.asText() : v.toString()));
                }
            }
            return data;
        }
        return value.isNull() ? value : TextNode.valueOf(hits.hit(Redactor.placeholder("secret_data"), value.toString()));
    }

    private static String flagName(JsonNode node) {
        Matcher m = node.isTextual() ? FLAG.matcher(node.asText()) : null;
        return m != null && m.matches() ? m.group(1) : null;
    }

    private static String flagLabel(JsonNode node) {
        String name = flagName(node);
        return name == null ? null : SecretNames.label(name);
    }
}
