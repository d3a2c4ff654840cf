package dev.k8sai.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.k8sai.kubectl.KubectlCommandClassifier;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps Secret values out of kubectl output before any pipeline stage, the jq tool or the model can
 * see them. Table, name and describe output show no values; JSON and YAML are parsed and every
 * Secret's data, stringData and last-applied annotation are replaced; template outputs
 * (jsonpath, go-template, custom-columns) could print any field, so they are refused for Secrets.
 */
final class SecretOutputs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final Set<String> TEMPLATE_OUTPUTS = Set.of(
            "jsonpath", "jsonpath-file", "jsonpath-as-json", "go-template", "go-template-file", "template",
            "templatefile", "custom-columns", "custom-columns-file");

    private SecretOutputs() {
    }

    /** Whether a kubectl argv reads Secret objects (get secret, get secrets,cm, get secret/x, …). */
    static boolean readsSecrets(List<String> argv) {
        List<String> positional = KubectlCommandClassifier.positionals(argv.subList(1, argv.size()));
        if (positional.isEmpty()) {
            return false;
        }
        String verb = positional.getFirst();
        boolean viewLastApplied = verb.equals("apply") && positional.size() > 1 && positional.get(1).equals("view-last-applied");
        if (!verb.equals("get") && !viewLastApplied) {
            return false;
        }
        for (String word : positional.subList(1, positional.size())) {
            for (String part : word.toLowerCase(Locale.ROOT).split(",")) {
                String resource = part.contains("/") ? part.substring(0, part.indexOf('/')) : part;
                if (resource.equals("secret") || resource.equals("secrets") || resource.startsWith("secret.")
                        || resource.startsWith("secrets.")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Refuses outputs that could print Secret values verbatim; called before kubectl runs. */
    static void checkOutputFormat(List<String> argv) {
        if (!readsSecrets(argv)) {
            return;
        }
        List<String> positional = KubectlCommandClassifier.positionals(argv.subList(1, argv.size()));
        if (positional.getFirst().equals("apply")) {
            throw new CommandRejectedException("view-last-applied of a Secret would print its values; use kubectl describe secret NAME for its keys and sizes.");
        }
        String format = outputFormat(argv);
        String base = format.contains("=") ? format.substring(0, format.indexOf('=')) : format;
        if (TEMPLATE_OUTPUTS.contains(base)) {
            throw new CommandRejectedException("Secret values are never shown: -o " + base + " is not allowed for Secrets. "
                    + "Use kubectl describe secret NAME (keys and sizes) or kubectl get secret NAME -o json (values replaced).");
        }
    }

    /** The output with every Secret value replaced; non-structured output is returned as is. */
    static String sanitize(List<String> argv, String output) {
        if (!readsSecrets(argv)) {
            return output;
        }
        String format = outputFormat(argv);
        try {
            if (format.equals("json")) {
                JsonNode tree = JSON.readTree(output);
                scrub(tree);
                return tree.toPrettyString() + "\n";
            }
            if (format.equals("yaml")) {
                JsonNode tree = YAML.readTree(output);
                scrub(tree);
                return YAML.writeValueAsString(tree);
            }
        } catch (Exception e) {
            // Unparseable structured output of Secrets: show nothing rather than risk a value.
            return "[Secret output withheld: it could not be checked for values]\n";
        }
        return output;
    }

    private static String outputFormat(List<String> argv) {
        String format = "";
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if ((a.equals("-o") || a.equals("--output")) && i + 1 < argv.size()) {
                format = argv.get(++i);
            } else if (a.startsWith("--output=")) {
                format = a.substring("--output=".length());
            } else if (a.startsWith("-o=")) {
                format = a.substring(3);
            } else if (a.startsWith("-o") && a.length() > 2 && !a.startsWith("--")) {
                format = a.substring(2);
            }
        }
        return format.toLowerCase(Locale.ROOT);
    }

    private static void scrub(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if ("Secret".equals(object.path("kind").asText())) {
                for (String field : List.of("data", "stringData")) {
                    if (object.get(field) instanceof ObjectNode data) {
                        data.properties().forEach(e -> e.setValue(JSON.getNodeFactory().textNode("<redacted>")));
                    }
                }
                if (object.path("metadata").path("annotations") instanceof ObjectNode annotations) {
                    annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
                }
            }
            object.properties().forEach(e -> scrub(e.getValue()));
        } else if (node != null && node.isArray()) {
            node.forEach(SecretOutputs::scrub);
        }
    }
}
