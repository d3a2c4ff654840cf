package dev.k8sai.cluster;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads a saved snapshot — what {@code kubectl get … -o yaml|json} prints — into a
 * {@link ClusterSnapshot}: a {@code List} (kind List or PodList…, items with or without kind),
 * multi-document YAML, a single object, or a JSON array of objects; from a file or stdin ("-").
 *
 * <p>Items are streamed one by one, so a 10,000-pod file never exists as one big tree in memory.
 *
 * <p>Rules, documented in the README:
 * <ul>
 *   <li><b>collected iff present</b>: a kind counts as collected only when the file holds at least
 *       one object of it. A file without ConfigMaps therefore cannot make every pod "MissingConfigMap";
 *       the price is that a genuinely missing ConfigMap is only found when the file has some ConfigMaps.</li>
 *   <li><b>now</b> is when the snapshot was taken: stdin now, a file at its modification time, or
 *       the caller's time ({@code --now}); else never before the file's newest timestamp (skew, edits).</li>
 *   <li>Objects of kinds this tool does not know are ignored with one note naming them.</li>
 *   <li>With a namespace, namespaced objects of other namespaces are dropped; cluster-scoped objects
 *       stay. Without one, everything in the file is analysed.</li>
 * </ul>
 */
public final class SnapshotFileReader {

    /** Field names whose values are timestamps that mark "when the snapshot was taken" at the latest. */
    private static final Set<String> TIME_FIELDS = Set.of("creationTimestamp", "lastTransitionTime", "lastProbeTime",
            "lastUpdateTime", "lastHeartbeatTime", "firstTimestamp", "lastTimestamp", "eventTime", "startedAt",
            "finishedAt", "startTime", "completionTime", "lastScheduleTime", "lastSuccessfulTime");

    /** Result: the snapshot and notes for the user (ignored kinds). */
    public record Result(ClusterSnapshot snapshot, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    /** Parses trees and binds them to fabric8 classes (see {@link ModelJson}). */
    private static final ObjectMapper TREES = ModelJson.MAPPER;
    private final KnownKinds known;

    /** {@code extraKinds}: classes the selected analyzers need beyond the built-in table. */
    public SnapshotFileReader(Collection<Class<? extends HasMetadata>> extraKinds) {
        this(extraKinds, k -> false);
    }

    /**
     * {@code customKinds}: which kinds without a model class (custom resources) to keep, as
     * {@code GenericKubernetesResource}s; the others are ignored with the note.
     */
    public SnapshotFileReader(Collection<Class<? extends HasMetadata>> extraKinds, Predicate<ResourceKind> customKinds) {
        this.known = new KnownKinds(extraKinds, customKinds);
    }

    /** Namespaced model classes and custom resources that carry a namespace are scoped by -n. */
    private static boolean namespaced(Class<? extends HasMetadata> type, String namespace) {
        return Namespaced.class.isAssignableFrom(type) || (type == GenericKubernetesResource.class && namespace != null);
    }

    public Result read(String file, InputStream stdin, String namespace) {
        return read(file, stdin, namespace, null);
    }

    /**
     * Reads {@code file}, or {@code stdin} when file is "-", judged at {@code now} (null: see the class
     * comment). {@code namespace} null keeps all namespaces.
     */
    public Result read(String file, InputStream stdin, String namespace, Instant now) {
        boolean fromStdin = "-".equals(file);
        String name = fromStdin ? "stdin" : file;
        try (InputStream raw = fromStdin ? stdin : Files.newInputStream(Path.of(file))) {
            // Taken before the read: a snapshot piped from kubectl was taken about now, a saved file when it was written.
            Instant taken = now != null ? now : fromStdin ? Instant.now() : Files.getLastModifiedTime(Path.of(file)).toInstant();
            return read(name, new BufferedInputStream(raw, 1 << 16), namespace, taken, now != null);
        } catch (NoSuchFileException e) {
            throw new AgentException(ExitCodes.USAGE, "cannot read " + name + ": no such file");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new AgentException(ExitCodes.USAGE, "cannot parse " + name
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": " + problem(e.getOriginalMessage()), e.toString(), e);
        } catch (IOException e) {
            throw new AgentException(ExitCodes.USAGE, "cannot read " + name + ": " + e.getMessage(), e.toString(), e);
        }
    }

    private Result read(String name, BufferedInputStream in, String namespace, Instant taken, boolean exact) throws IOException {
        JsonFactory factory = looksLikeJson(in) ? TREES.getFactory() : new YAMLFactory();
        State state = new State(name, namespace);
        try (JsonParser p = new TimeObservingParser(factory.createParser(in), state)) {
            p.setCodec(TREES);
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_OBJECT) {
                    readDocument(p, state);
                } else if (t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        readDocument(p, state);
                    }
                } else if (t != JsonToken.VALUE_NULL) {
                    // a YAML document that is a bare scalar is not a Kubernetes object
                    throw new AgentException(ExitCodes.USAGE, "cannot parse " + name + " at line "
                            + p.currentLocation().getLineNr() + ": expected Kubernetes objects, found '" + p.getText() + "'");
                }
            }
        }
        List<String> notes = new ArrayList<>();
        if (!state.unknown.isEmpty()) {
            StringBuilder sb = new StringBuilder("ignored objects of kinds this tool does not check: ");
            state.unknown.forEach((k, n) -> sb.append(k).append(" (").append(n).append("), "));
            notes.add(sb.substring(0, sb.length() - 2));
        }
        if (state.objects.isEmpty()) {
            notes.add(name + " holds no Kubernetes objects");
        }
        // An object newer than the clock means skew or an edited file: judging before it existed would give negative ages.
        Instant now = exact || state.newest == null || !state.newest.isAfter(taken) ? taken : state.newest;
        ClusterSnapshot snapshot = ClusterSnapshot.builder(name, now).coverageByContent().addAll(state.objects).build();
        return new Result(snapshot, notes);
    }

    /** The parser is at START_OBJECT: reads one object or one List, streaming its items. */
    private void readDocument(JsonParser p, State state) throws IOException {
        ObjectNode top = TREES.createObjectNode();
        List<JsonNode> itemsWithoutKind = new ArrayList<>();
        boolean hasItems = false;
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            if ("items".equals(field) && value == JsonToken.START_ARRAY) {
                hasItems = true;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    readItem(p, state, itemsWithoutKind);
                }
            } else {
                top.set(field, p.readValueAsTree());
            }
        }
        String kind = text(top, "kind");
        boolean isList = hasItems && (kind == null || kind.endsWith("List"));
        if (!isList) {
            if (kind == null) {
                throw new AgentException(ExitCodes.USAGE, "cannot parse " + state.name + " near line "
                        + p.currentLocation().getLineNr() + ": an object without 'kind' (expected kubectl get -o yaml|json output)");
            }
            accept(top, state);
            return;
        }
        // API list responses (PodList) leave kind/apiVersion off their items: take them from the list.
        String itemKind = kind != null && !"List".equals(kind) ? kind.substring(0, kind.length() - "List".length()) : null;
        for (JsonNode item : itemsWithoutKind) {
            if (itemKind == null) {
                state.unknown.merge("(no kind)", 1, Integer::sum);
                continue;
            }
            ObjectNode o = (ObjectNode) item;
            o.put("kind", itemKind);
            if (!o.hasNonNull("apiVersion") && top.hasNonNull("apiVersion")) {
                o.put("apiVersion", top.get("apiVersion").asText());
            }
            accept(o, state);
        }
    }

    /**
     * One List item, parser at its START_OBJECT. kubectl prints apiVersion and kind first (JSON in
     * struct order, YAML sorted), so the class is known before the body and the item binds straight
     * from the parser, without an intermediate tree; any other order falls back to a tree.
     */
    private void readItem(JsonParser p, State state, List<JsonNode> itemsWithoutKind) throws IOException {
        String apiVersion = null;
        String kind = null;
        ObjectNode node = null;
        JsonToken t = p.nextToken();
        while (t == JsonToken.FIELD_NAME && (apiVersion == null || kind == null)) {
            String field = p.currentName();
            if (!"apiVersion".equals(field) && !"kind".equals(field)) {
                break;
            }
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                node = TREES.createObjectNode();
                node.set(field, p.readValueAsTree());
                t = p.nextToken();
                break;
            }
            if ("kind".equals(field)) {
                kind = p.getText();
            } else {
                apiVersion = p.getText();
            }
            t = p.nextToken();
        }
        if (node == null && kind != null && apiVersion != null) {
            Class<? extends HasMetadata> type = known.resolveOrCustom(apiVersion, kind);
            if (type == null) {
                state.unknown.merge(kind + " " + apiVersion, 1, Integer::sum);
                for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    p.nextToken();
                    p.skipChildren();
                }
                return;
            }
            HasMetadata object;
            try {
                object = TREES.readValue(p, type);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                throw new AgentException(ExitCodes.USAGE, "cannot parse " + state.name
                        + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                        + ": " + kind + ": " + KubeClients.firstLine(e.getOriginalMessage()), e.toString(), e);
            }
            String ns = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
            if (state.namespace == null || !namespaced(type, ns) || state.namespace.equals(ns)) {
                state.objects.add(object);
            }
            return;
        }
        if (node == null) {
            node = TREES.createObjectNode();
        }
        if (apiVersion != null) {
            node.put("apiVersion", apiVersion);
        }
        if (kind != null) {
            node.put("kind", kind);
        }
        for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            p.nextToken();
            node.set(field, p.readValueAsTree());
        }
        if (node.hasNonNull("kind")) {
            accept(node, state);
        } else {
            itemsWithoutKind.add(node);
        }
    }

    private void accept(JsonNode node, State state) {
        String kind = text(node, "kind");
        String apiVersion = text(node, "apiVersion");
        Class<? extends HasMetadata> type = known.resolveOrCustom(apiVersion, kind);
        if (type == null) {
            state.unknown.merge(apiVersion == null ? String.valueOf(kind) : kind + " " + apiVersion, 1, Integer::sum);
            return;
        }
        JsonNode ns = node.path("metadata").path("namespace");
        if (state.namespace != null && namespaced(type, ns.isTextual() ? ns.asText() : null)) {
            if (!ns.isTextual() || !state.namespace.equals(ns.asText())) {
                return;
            }
        }
        HasMetadata object;
        try {
            object = TREES.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            JsonNode md = node.path("metadata");
            throw new AgentException(ExitCodes.USAGE, "cannot parse " + state.name + ": " + kind + " "
                    + md.path("namespace").asText("") + (md.has("namespace") ? "/" : "") + md.path("name").asText("?")
                    + ": " + KubeClients.firstLine(e.getMessage()), e.toString(), e);
        }
        state.objects.add(object);
    }

    private static boolean looksLikeJson(BufferedInputStream in) throws IOException {
        in.mark(4096);
        try {
            for (int i = 0; i < 4096; i++) {
                int c = in.read();
                if (c < 0) {
                    return false;
                }
                if (c == 0xEF || c == 0xBB || c == 0xBF || Character.isWhitespace(c)) {
                    continue; // BOM, blank lines
                }
                return c == '{' || c == '[';
            }
            return false;
        } finally {
            in.reset();
        }
    }

    /**
     * The parser's complaint on one line: SnakeYAML spreads it over lines with source snippets and
     * carets ("while parsing a flow node / in 'reader', line 2 / ^ / expected …"); keep the prose.
     */
    static String problem(String message) {
        if (message == null) {
            return "syntax error";
        }
        String joined = message.lines()
                .filter(l -> !l.isBlank() && !l.startsWith(" in '") && !l.startsWith("    ") && !l.strip().equals("^"))
                .map(String::strip)
                .reduce((a, b) -> a + "; " + b).orElse("syntax error");
        return joined;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }

    /**
     * Notes every timestamp-valued string under a {@link #TIME_FIELDS} name as tokens stream by, for
     * both the tree and the direct-binding path (Jackson reads values through nextToken/nextValue/
     * nextTextValue; each is observed here).
     */
    private static final class TimeObservingParser extends JsonParserDelegate {
        private final State state;

        TimeObservingParser(JsonParser delegate, State state) {
            super(delegate);
            this.state = state;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            return observe(delegate.nextToken());
        }

        @Override
        public JsonToken nextValue() throws IOException {
            return observe(delegate.nextValue());
        }

        @Override
        public String nextTextValue() throws IOException {
            String v = delegate.nextTextValue();
            if (v != null) {
                observe(JsonToken.VALUE_STRING);
            }
            return v;
        }

        private JsonToken observe(JsonToken t) throws IOException {
            if (t == JsonToken.VALUE_STRING) {
                String field = delegate.currentName();
                if (field != null && TIME_FIELDS.contains(field)) {
                    state.observe(delegate.getText());
                }
            }
            return t;
        }
    }

    private static final class State {
        final String name;
        final String namespace;
        final List<HasMetadata> objects = new ArrayList<>();
        final Map<String, Integer> unknown = new TreeMap<>();
        Instant newest;
        /** The text of {@link #newest} when it is in the seconds-UTC form, else null. */
        String newestText;

        State(String name, String namespace) {
            this.name = name;
            this.namespace = namespace;
        }

        void observe(String timestamp) {
            // Kubernetes writes times in UTC to the second ("2026-11-20T10:00:00Z"), and in that form text
            // order is time order: only a later text is parsed (parsing each was an eighth of a large read).
            if (newestText != null && secondsUtc(timestamp) && timestamp.compareTo(newestText) <= 0) {
                return;
            }
            try {
                Instant t = Instant.parse(timestamp);
                if (newest == null || t.isAfter(newest)) {
                    newest = t;
                    newestText = secondsUtc(timestamp) ? timestamp : null;
                }
            } catch (DateTimeParseException ignored) {
                // not every field with these names is RFC 3339 in every producer; skip it
            }
        }

        private static boolean secondsUtc(String s) {
            return s.length() == 20 && s.charAt(4) == '-' && s.charAt(10) == 'T' && s.charAt(19) == 'Z';
        }
    }
}
