package dev.k8sai.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Shrinks tool output before it reaches the model, then redacts it:
 * <ol>
 *   <li>kubectl JSON/YAML objects lose bookkeeping noise (managedFields, last-applied-configuration,
 *       resourceVersion, uid, generation, selfLink);</li>
 *   <li>a JSON List with many items becomes a table of name/namespace/status columns;</li>
 *   <li>long text keeps its head and tail with a note on how to narrow the command;</li>
 *   <li>a hard character cap;</li>
 *   <li>redaction (always, also when compaction is off) — last, so nothing added above escapes it.</li>
 * </ol>
 */
public final class ObservationCompactor {

    /** Compacted text and whether anything was dropped (the model should know it saw a partial view). */
    public record Compacted(String text, boolean truncated) { }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private final CompactionSettings settings;
    private final ObservationRedactor redactor;

    public ObservationCompactor(CompactionSettings settings, ObservationRedactor redactor) {
        this.settings = settings;
        this.redactor = redactor;
    }

    public CompactionSettings settings() {
        return settings;
    }

    public Compacted compact(String text) {
        String out = text == null ? "" : text;
        boolean truncated = false;
        if (settings.enabled()) {
            String structured = compactStructured(out);
            boolean document = structured != null && !structured.contains("[compacted:");
            if (structured != null) {
                truncated = !structured.equals(out) && structured.contains("[compacted:");
                out = structured;
            }
            // A single cleaned JSON/YAML object stays whole (cut in the middle it would not parse);
            // only the character cap below bounds it. Text and tables lose their middle lines.
            List<String> lines = Stages.lines(out);
            if (!document && lines.size() > settings.maxLines()) {
                int omitted = lines.size() - settings.headLines() - settings.tailLines();
                List<String> kept = new ArrayList<>(lines.subList(0, settings.headLines()));
                kept.add("… " + omitted + " lines omitted; narrow with -l, --field-selector, -o jsonpath or | grep …");
                kept.addAll(lines.subList(lines.size() - settings.tailLines(), lines.size()));
                out = Stages.join(kept);
                truncated = true;
            }
        }
        // Redact before the cap: a JSON document cut at the cap no longer parses (its JSON rules would not
        // apply) and a cut can leave half a secret behind. To bound the work, text far past the cap is
        // first cut at a line end (the cap keeps the head), so whole lines stay intact for the redactor.
        int originalLength = out.length();
        int preCut = settings.maxChars() * 2;
        if (out.length() > preCut) {
            int lineEnd = out.lastIndexOf('\n', preCut);
            out = out.substring(0, lineEnd > settings.maxChars() ? lineEnd + 1 : preCut);
            truncated = true;
        }
        out = redactor.redact(out);
        if (out.length() > settings.maxChars()) {
            String note = "\n… output cut at " + settings.maxChars() + " of " + originalLength
                    + " characters; narrow with -l, --field-selector, -o jsonpath or | grep\n";
            int keep = Math.max(0, settings.maxChars() - note.length());
            // avoid splitting a surrogate pair
            if (keep > 0 && Character.isHighSurrogate(out.charAt(keep - 1))) {
                keep--;
            }
            out = out.substring(0, keep) + note;
            truncated = true;
        }
        return new Compacted(out, truncated);
    }

    /** Returns compacted JSON/YAML, or null when the text is not a single Kubernetes-looking document. */
    String compactStructured(String text) {
        String t = text.strip();
        if (t.startsWith("{")) {
            JsonNode node;
            try {
                node = JSON.readTree(t);
            } catch (JsonProcessingException e) {
                return null;
            }
            if (!(node instanceof ObjectNode obj) || !obj.has("kind") && !obj.has("items")) {
                return null;
            }
            if (isBigList(obj)) {
                return ListTable.render(obj, settings.listTableThreshold());
            }
            clean(obj);
            try {
                return JqStage.PRETTY.writeValueAsString(obj) + "\n";
            } catch (JsonProcessingException e) {
                return null;
            }
        }
        if (t.startsWith("apiVersion:") || t.startsWith("kind:") || t.startsWith("items:")) {
            JsonNode node;
            try {
                node = YAML.readTree(t);
            } catch (Exception e) { // snakeyaml also throws unchecked exceptions on odd input
                return null;
            }
            if (!(node instanceof ObjectNode obj)) {
                return null;
            }
            if (isBigList(obj)) {
                return ListTable.render(obj, settings.listTableThreshold());
            }
            clean(obj);
            try {
                return YAML.writeValueAsString(obj);
            } catch (JsonProcessingException e) {
                return null;
            }
        }
        return null;
    }

    private boolean isBigList(ObjectNode obj) {
        return obj.path("items").isArray() && obj.path("items").size() > settings.listTableThreshold();
    }

    /** Drops bookkeeping fields from every object that has a metadata block (also List items). */
    static void clean(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            if (obj.get("metadata") instanceof ObjectNode meta) {
                meta.remove(List.of("managedFields", "resourceVersion", "uid", "generation", "selfLink"));
                if (meta.get("annotations") instanceof ObjectNode ann) {
                    ann.remove("kubectl.kubernetes.io/last-applied-configuration");
                    ann.remove("deployment.kubernetes.io/revision");
                    if (ann.isEmpty()) {
                        meta.remove("annotations");
                    }
                }
                if (meta.isEmpty()) {
                    obj.remove("metadata");
                }
            }
            for (Iterator<JsonNode> it = obj.elements(); it.hasNext(); ) {
                clean(it.next());
            }
        } else if (node != null && node.isArray()) {
            node.forEach(ObservationCompactor::clean);
        }
    }
}
