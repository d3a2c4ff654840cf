package dev.k8sai.generate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.k8sai.llm.output.ThinkBlocks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the Kubernetes manifests in a model reply: think blocks removed, then every ```yaml / ```yml / ```
 * fenced block (several blocks are several documents), or — when there is no fence — the whole reply if it
 * parses as YAML objects with apiVersion and kind. Multi-document YAML is split and {@code kind: *List}
 * objects are flattened into their items.
 *
 * <p>An untagged fence that does not hold YAML objects (models like to add {@code ```\nkubectl apply -f x.yaml\n```})
 * is skipped rather than reported, since it is instructions, not a manifest; {@code ```bash} and other tagged
 * fences are never read. Several YAML blocks are all used (models split objects over blocks), but a note says so,
 * because a reply offering "Option 1 … Option 2 …" would otherwise have both alternatives applied silently.
 */
public final class ManifestExtractor {

    private static final YAMLMapper YAML = dev.k8sai.Mappers.YAML;

    private ManifestExtractor() {
    }

    public static Extraction extract(String reply) {
        String text = ThinkBlocks.split(reply).visible();
        java.util.Set<Integer> untagged = new java.util.HashSet<>();
        List<String> blocks = fencedBlocks(text, untagged);
        boolean fenced = !blocks.isEmpty();
        if (!fenced) {
            blocks = List.of(text);
        }
        List<ObjectNode> documents = new ArrayList<>();
        List<ManifestProblem> problems = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            String where = fenced ? (blocks.size() == 1 ? "YAML block" : "YAML block " + (b + 1)) : "reply";
            List<ObjectNode> docs = new ArrayList<>();
            List<ManifestProblem> blockProblems = new ArrayList<>();
            parse(blocks.get(b), where, docs, blockProblems);
            if (fenced && untagged.contains(b) && docs.isEmpty() && !blockProblems.isEmpty()
                    && blockProblems.stream().allMatch(p -> p.message().startsWith("expected a YAML mapping"))) {
                continue; // an untagged fence holding a shell command or prose: not a manifest
            }
            if (!fenced && (docs.isEmpty() || !docs.stream().allMatch(ManifestExtractor::looksLikeObject))) {
                // Unfenced prose that happens to be valid YAML (a plain string) is not a manifest.
                return new Extraction("", List.of(), List.of(new ManifestProblem("reply", "",
                        "no YAML manifest found: put the manifests in one ```yaml fenced block", ManifestProblem.Layer.PARSE)));
            }
            documents.addAll(docs);
            problems.addAll(blockProblems);
            kept.add(blocks.get(b).strip());
        }
        if (documents.isEmpty() && problems.isEmpty()) {
            problems.add(new ManifestProblem("reply", "", "the YAML contains no Kubernetes objects", ManifestProblem.Layer.PARSE));
        }
        List<String> notes = kept.size() > 1
                ? List.of("the reply has " + kept.size() + " YAML blocks and all of them are used; if they are "
                        + "alternatives (\"Option 1 … Option 2\"), ask for one")
                : List.of();
        return new Extraction(String.join("\n---\n", kept) + "\n", documents, problems, notes);
    }

    /** Fenced blocks tagged yaml, yml or nothing; an unterminated last fence (truncated reply) runs to the end. */
    static List<String> fencedBlocks(String text) {
        return fencedBlocks(text, new java.util.HashSet<>());
    }

    /** As {@link #fencedBlocks(String)}; adds the indexes of blocks without a language tag to {@code untagged}. */
    static List<String> fencedBlocks(String text, java.util.Set<Integer> untagged) {
        List<String> blocks = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        StringBuilder current = null;
        boolean wanted = false;
        boolean bare = false;
        for (String line : lines) {
            String t = line.strip();
            if (current == null) {
                if (t.startsWith("```")) {
                    String lang = t.substring(3).strip().toLowerCase(Locale.ROOT);
                    bare = lang.isEmpty();
                    wanted = bare || lang.equals("yaml") || lang.equals("yml");
                    current = new StringBuilder();
                }
            } else if (t.equals("```")) {
                if (wanted) {
                    if (bare) {
                        untagged.add(blocks.size());
                    }
                    blocks.add(current.toString());
                }
                current = null;
            } else {
                current.append(line).append('\n');
            }
        }
        if (current != null && wanted && !current.isEmpty()) {
            if (bare) {
                untagged.add(blocks.size());
            }
            blocks.add(current.toString());
        }
        return blocks;
    }

    /** An alias ({@code *name}) as a value or list item, after an anchor ({@code &name}) was defined. */
    private static final java.util.regex.Pattern ALIAS = java.util.regex.Pattern.compile("(?m)(:\\s+|^\\s*-\\s+|[\\[,{]\\s*)\\*[\\w.-]+");

    private static void parse(String yaml, String where, List<ObjectNode> out, List<ManifestProblem> problems) {
        if (yaml.contains("&") && ALIAS.matcher(yaml).find()) {
            parseWithAliases(yaml, where, out, problems);
            return;
        }
        int docIndex = 0;
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                docIndex++;
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue; // empty document between two ---
                }
                addDocument(node, where + " document " + docIndex, out, problems);
            }
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String line = loc == null || loc.getLineNr() < 1 ? "" : " at line " + loc.getLineNr();
            problems.add(new ManifestProblem(where, "", "YAML parse error" + line + ": " + e.getOriginalMessage().strip(),
                    ManifestProblem.Layer.PARSE));
        } catch (IOException | RuntimeException e) {
            problems.add(new ManifestProblem(where, "", "YAML parse error: " + e.getMessage(), ManifestProblem.Layer.PARSE));
        }
    }

    private static void addDocument(JsonNode node, String doc, List<ObjectNode> out, List<ManifestProblem> problems) {
        if (!node.isObject()) {
            problems.add(new ManifestProblem(doc, "", "expected a YAML mapping (an object), got "
                    + ValueDescriptions.describe(node), ManifestProblem.Layer.PARSE));
            return;
        }
        flatten((ObjectNode) node, doc, out, problems);
    }

    /**
     * Jackson's YAML tree reader does not resolve aliases (a {@code *labels} comes back as a plain value, which
     * silently loses the anchored content), so blocks that use them are read with SnakeYAML's safe loader, which
     * resolves them, and converted to trees. Only such blocks: SnakeYAML resolves scalars by YAML 1.1 rules.
     */
    private static void parseWithAliases(String yaml, String where, List<ObjectNode> out, List<ManifestProblem> problems) {
        var options = new org.yaml.snakeyaml.LoaderOptions();
        var loader = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(options));
        int docIndex = 0;
        try {
            for (Object value : loader.loadAll(yaml)) {
                docIndex++;
                if (value == null) {
                    continue;
                }
                JsonNode node = YAML.valueToTree(value);
                addDocument(node, where + " document " + docIndex, out, problems);
            }
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            String line = e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1);
            problems.add(new ManifestProblem(where, "", "YAML parse error" + line + ": " + e.getProblem(), ManifestProblem.Layer.PARSE));
        } catch (RuntimeException e) {
            problems.add(new ManifestProblem(where, "", "YAML parse error: " + e.getMessage(), ManifestProblem.Layer.PARSE));
        }
    }

    private static void flatten(ObjectNode node, String doc, List<ObjectNode> out, List<ManifestProblem> problems) {
        String kind = node.path("kind").asText("");
        if (kind.endsWith("List") && node.has("items")) {
            JsonNode items = node.get("items");
            if (!items.isArray()) {
                problems.add(new ManifestProblem(doc, "items", "expected a list, got " + ValueDescriptions.describe(items),
                        ManifestProblem.Layer.PARSE));
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                if (item.isObject()) {
                    flatten((ObjectNode) item, doc + " item " + (i + 1), out, problems);
                } else {
                    problems.add(new ManifestProblem(doc, "items[" + i + "]", "expected an object, got "
                            + ValueDescriptions.describe(item), ManifestProblem.Layer.PARSE));
                }
            }
            return;
        }
        out.add(node);
    }

    private static boolean looksLikeObject(ObjectNode node) {
        return node.hasNonNull("apiVersion") && node.hasNonNull("kind");
    }
}
