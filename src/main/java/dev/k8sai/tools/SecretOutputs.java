package dev.k8sai.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.k8sai.kubectl.KubectlCommandClassifier;
import dev.k8sai.kubectl.KubectlInvocation;
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
    private static final Set<String> UNNAMED_SOURCES = Set.of("filename", "kustomize", "raw", "recursive");
    /** What Go's strconv.ParseBool reads as false (pflag bool flags use it). */
    private static final Set<String> FALSE = Set.of("false", "False", "FALSE", "f", "F", "0");

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

    /**
     * Refuses outputs that could print secret values verbatim; called before kubectl runs. Every option
     * is taken as kubectl reads it (the pinned flag tables): {@code -o} inside a shorthand cluster
     * ({@code -Ao}), a "-o" that is another flag's value, repeated flags (the last wins).
     */
    static void checkOutputFormat(List<String> argv) {
        KubectlInvocation inv = KubectlCommandClassifier.parse(argv);
        List<String> positional = KubectlCommandClassifier.positionals(argv.subList(1, argv.size()));
        for (KubectlInvocation.Option o : inv.options()) {
            if (o.name().equals("template")) {
                throw templatesRefused(o.written());
            }
            if (o.name().equals("resolve") && !FALSE.contains(o.value())) {
                throw new CommandRejectedException("--resolve is not allowed: it prints the values of variables taken from Secrets. "
                        + "Leave it out; the list then names each Secret and key instead.");
            }
        }
        if (readsSecrets(argv) && positional.getFirst().equals("apply")) {
            throw new CommandRejectedException("view-last-applied of a Secret would print its values; use kubectl describe secret NAME for its keys and sizes.");
        }
        String format = outputFormat(inv);
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
        String unnamed = inv.options().stream().filter(o -> UNNAMED_SOURCES.contains(o.name())).map(KubectlInvocation.Option::written)
                .findFirst().orElse(null);
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
        String format = outputFormat(KubectlCommandClassifier.parse(argv));
        return FIELD_OUTPUTS.contains(format.contains("=") ? format.substring(0, format.indexOf('=')) : format);
    }

    /**
     * The same kubectl read printing JSON: {@code -o json} added after every option (pflag: the last
     * occurrence wins), so no output option is taken out by hand and no other flag's value shifts.
     */
    static List<String> asJson(List<String> argv) {
        List<String> out = new java.util.ArrayList<>(argv);
        KubectlInvocation inv = KubectlCommandClassifier.parse(argv);
        int end = inv.afterDash().isEmpty() ? out.size() : out.size() - inv.afterDash().size() - 1;
        out.addAll(end, List.of("-o", "json"));
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
     * The output passed through {@code redactor} (structural and pattern redaction, before any stage).
     * Output of a read that may return Secrets is withheld when it was {@code cut} at the size limit
     * (a cut document loses the fields that say an item is a Secret: in YAML {@code kind}, {@code metadata}
     * and {@code type} follow {@code data}, and the rest still parses) or when JSON/YAML does not parse.
     */
    static String sanitize(List<String> argv, String output, boolean cut, ObservationRedactor redactor) {
        KubectlInvocation inv = KubectlCommandClassifier.parse(argv);
        String format = outputFormat(inv);
        boolean mayHoldSecrets = readsSecrets(argv) || inv.options().stream().anyMatch(o -> UNNAMED_SOURCES.contains(o.name()));
        if (mayHoldSecrets && cut) {
            return "[output withheld: it was cut at the size limit and may hold Secrets that can no longer be recognised; "
                    + "narrow the read (-n, -l, a name)]\n";
        }
        if (mayHoldSecrets && Set.of("json", "yaml").contains(format) && !parses(format, output)) {
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

    /** The output format kubectl uses: the last -o/--output as pflag reads it, lower-cased. */
    private static String outputFormat(KubectlInvocation inv) {
        return inv.last("output").orElse("").toLowerCase(Locale.ROOT);
    }
}
