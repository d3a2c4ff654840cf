package dev.k8sai.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.k8sai.kubectl.KubectlCommandClassifier;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one policy on kubectl output formats that could show secret values, applied before kubectl runs,
 * and the last-resort rule for Secret output that cannot be checked. (Values in JSON, YAML and text
 * output are removed by the structural redaction the {@link Pipeline} applies before any stage.)
 * <ul>
 * <li>Formats that evaluate templates (go-template, template, their -file forms, {@code --template} without
 *     -o) are refused for every command: a template can decode and print anything ({@code base64decode}).</li>
 * <li>jsonpath and custom-columns print raw field values, which the structural pass cannot see inside.
 *     They are allowed only where the objects read cannot be Secrets: no {@code -f}/{@code -k}/{@code --raw}
 *     (the kinds are not named), no word naming Secrets or the {@code all} category. (Other categories
 *     cannot hold core Secrets: a category is declared by each resource, and Secret declares none.)
 *     Their {@code -file} forms read a local file the model names, and are refused.</li>
 * <li>{@code set env --resolve} prints the values of secretKeyRef variables: refused.</li>
 * <li>{@code apply view-last-applied} of a Secret prints its data: refused.</li>
 * </ul>
 */
final class SecretOutputs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TEMPLATE_OUTPUTS = Set.of("go-template", "go-template-file", "template", "templatefile");
    private static final Set<String> FIELD_OUTPUTS = Set.of(
            "jsonpath", "jsonpath-file", "jsonpath-as-json", "custom-columns", "custom-columns-file");
    /** Options after which the objects read are not named by kind. */
    private static final Set<String> UNNAMED_SOURCES = Set.of("-f", "--filename", "-k", "--kustomize", "--raw", "-R", "--recursive");

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
                if (isSecretResource(resource)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Refuses outputs that could print secret values verbatim; called before kubectl runs. */
    static void checkOutputFormat(List<String> argv) {
        List<String> args = argv.subList(1, argv.size());
        List<String> positional = KubectlCommandClassifier.positionals(args);
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            if (a.equals("--template") || a.startsWith("--template=")) {
                throw templatesRefused("--template");
            }
            if (a.equals("--resolve") || a.startsWith("--resolve=") && !a.equals("--resolve=false")) {
                throw new CommandRejectedException("--resolve is not allowed: it prints the values of variables taken from Secrets. "
                        + "Leave it out; the list then names each Secret and key instead.");
            }
        }
        if (readsSecrets(argv) && positional.getFirst().equals("apply")) {
            throw new CommandRejectedException("view-last-applied of a Secret would print its values; use kubectl describe secret NAME for its keys and sizes.");
        }
        String format = outputFormat(argv);
        String base = format.contains("=") ? format.substring(0, format.indexOf('=')) : format;
        if (TEMPLATE_OUTPUTS.contains(base)) {
            throw templatesRefused("-o " + base);
        }
        if (!FIELD_OUTPUTS.contains(base)) {
            return;
        }
        if (!positional.isEmpty() && !Set.of("get", "events").contains(positional.getFirst())) {
            throw new CommandRejectedException("-o " + base + " is only available with kubectl get and kubectl events here; use -o json or -o yaml.");
        }
        if (base.endsWith("-file")) {
            throw new CommandRejectedException("-o " + base + " reads a local file and is not available here; put the expression inline (-o "
                    + base.substring(0, base.length() - 5) + "=...).");
        }
        String unnamed = args.stream().map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) : a)
                .filter(a -> UNNAMED_SOURCES.contains(a) || a.matches("-[fk]\\S+")).findFirst().orElse(null);
        if (unnamed != null) {
            throw new CommandRejectedException("-o " + base + " is only allowed when the kinds read are named (they could be Secrets with "
                    + unnamed + "): use -o json or -o yaml (Secret values are replaced) or name the kind, e.g. kubectl get deploy NAME -o " + base + "=...");
        }
        for (String word : positional.subList(Math.min(1, positional.size()), positional.size())) {
            for (String part : word.toLowerCase(Locale.ROOT).split(",")) {
                String resource = part.contains("/") ? part.substring(0, part.indexOf('/')) : part;
                if (isSecretResource(resource) || resource.equals("all")) {
                    throw new CommandRejectedException("Secret values are never shown: -o " + base + " is not allowed for "
                            + (resource.equals("all") ? "the 'all' category" : "Secrets")
                            + ". Use kubectl describe secret NAME (keys and sizes) or kubectl get secret NAME -o json (values replaced).");
                }
            }
        }
    }

    /** Whether the output prints raw field values (jsonpath, custom-columns): see {@link Pipeline}'s companion JSON read. */
    static boolean printsRawFields(List<String> argv) {
        String format = outputFormat(argv);
        return FIELD_OUTPUTS.contains(format.contains("=") ? format.substring(0, format.indexOf('=')) : format);
    }

    /** The same kubectl read with its output option replaced by -o json. */
    static List<String> asJson(List<String> argv) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--")) {
                out.addAll(argv.subList(i, argv.size()));
                break;
            }
            if (a.equals("-o") || a.equals("--output")) {
                i++;
            } else if (!(a.startsWith("--output=") || a.startsWith("-o") && !a.startsWith("--"))) {
                out.add(a);
            }
        }
        int end = out.indexOf("--");
        out.addAll(end < 0 ? out.size() : end, List.of("-o", "json"));
        return out;
    }

    private static CommandRejectedException templatesRefused(String what) {
        return new CommandRejectedException(what + " is not allowed: templates can decode and print secret values. "
                + "Use -o json (piped into jq) or -o jsonpath=... on a named kind instead.");
    }

    private static boolean isSecretResource(String resource) {
        return resource.equals("secret") || resource.equals("secrets") || resource.startsWith("secret.") || resource.startsWith("secrets.");
    }

    /**
     * The output passed through {@code redactor} (structural and pattern redaction, before any stage);
     * Secret output that was asked for as JSON/YAML but does not parse is withheld.
     */
    static String sanitize(List<String> argv, String output, ObservationRedactor redactor) {
        if (readsSecrets(argv) && Set.of("json", "yaml").contains(outputFormat(argv)) && !parses(outputFormat(argv), output)) {
            return "[Secret output withheld: it could not be checked for values]\n";
        }
        return redactor.redact(output);
    }

    private static boolean parses(String format, String output) {
        try {
            (format.equals("json") ? JSON : YAML).readTree(output);
            return true;
        } catch (Exception e) {
            return false;
        }
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
}
