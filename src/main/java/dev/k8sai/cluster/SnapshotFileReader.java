package dev.k8sai.cluster;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads a saved snapshot — what {@code kubectl get … -o yaml|json} prints — into a
 * {@link ClusterSnapshot}: a {@code List} (kind List or PodList…, items with or without kind),
 * multi-document YAML, a single object, or a JSON array of objects; from a file or stdin ("-").
 *
 * <p>Items are streamed one by one, so a 10,000-pod file never exists as one big tree in memory. A
 * JSON List file (what {@code kubectl get -o json} saves) of 1 MiB up to an eighth of the heap is held
 * as bytes instead, and its items are bound on several threads ({@link ParallelItemReader}), with the
 * same result.
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

    /** Result: the snapshot and notes for the user (ignored kinds). */
    public record Result(ClusterSnapshot snapshot, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    /** Parses trees and binds them to fabric8 classes (see {@link ModelJson}). */
    private static final ObjectMapper TREES = ModelJson.MAPPER;
    private final KnownKinds known;
    private final Parallelism parallelism;

    /** {@code extraKinds}: classes the selected analyzers need beyond the built-in table. */
    public SnapshotFileReader(Collection<Class<? extends HasMetadata>> extraKinds) {
        this(extraKinds, k -> false);
    }

    /**
     * {@code customKinds}: which kinds without a model class (custom resources) to keep, as
     * {@code GenericKubernetesResource}s; the others are ignored with the note.
     */
    public SnapshotFileReader(Collection<Class<? extends HasMetadata>> extraKinds, Predicate<ResourceKind> customKinds) {
        this(extraKinds, customKinds, Parallelism.DEFAULT);
    }

    SnapshotFileReader(Collection<Class<? extends HasMetadata>> extraKinds, Predicate<ResourceKind> customKinds,
                       Parallelism parallelism) {
        this.known = new KnownKinds(extraKinds, customKinds);
        this.parallelism = parallelism;
    }

    /**
     * When a JSON List file's items are bound on several threads ({@link ParallelItemReader}): with
     * at least two cores, and for a file of {@code minBytes} to {@code maxBytes}, which is then held
     * in memory whole while it is read. Larger ones are streamed, so memory stays bounded by what is
     * kept (with -n, one namespace of a huge file), not by the file: the default maximum is an eighth
     * of the heap (64 MiB of -Xmx512m), at most 256 MiB.
     */
    record Parallelism(int threads, long minBytes, long maxBytes) {
        static final Parallelism DEFAULT = new Parallelism(Math.min(4, Runtime.getRuntime().availableProcessors()),
                1 << 20, Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8));

        boolean fits(long size) {
            return threads > 1 && size >= minBytes && size <= maxBytes;
        }
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
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            SnapshotReadState state = new SnapshotReadState(name, namespace);
            if (!fromStdin && looksLikeJson(in) && parallelism.fits(Files.size(Path.of(file)))) {
                // read, laid out and partly bound while the CLI started, when it could
                EarlySnapshotFile early = EarlySnapshotFile.take(Path.of(file));
                JsonListLayout layout = early != null ? early.layout() : JsonListLayout.of(Files.readAllBytes(Path.of(file)));
                if (layout != null) {
                    state.boundItems = new ParallelItemReader(TREES, this::readItem, parallelism.threads())
                            .read(layout, name, namespace, early);
                    // the rest of the file (kind, apiVersion, metadata) is read as usual, around the items
                    in = new BufferedInputStream(new ByteArrayInputStream(layout.withoutItems()));
                    layout.readingTheRest(state);
                } else {
                    in = new BufferedInputStream(new ByteArrayInputStream(in.readAllBytes()));
                }
            }
            return read(name, in, state, taken, now != null);
        } catch (NoSuchFileException e) {
            throw new AgentException(ExitCodes.USAGE, "cannot read " + name + ": no such file");
        } catch (JsonProcessingException e) {
            throw parseError(name, new SnapshotReadState(name, null).at(e.getLocation()), e);
        } catch (IOException e) {
            throw new AgentException(ExitCodes.USAGE, "cannot read " + name + ": " + e.getMessage(), e.toString(), e);
        }
    }

    /** "cannot parse NAME at line L, column C: what the parser says" */
    static AgentException parseError(String name, String at, JsonProcessingException e) {
        return new AgentException(ExitCodes.USAGE, "cannot parse " + name + at + ": " + problem(e.getOriginalMessage()), e.toString(), e);
    }

    private Result read(String name, BufferedInputStream in, SnapshotReadState state, Instant taken, boolean exact) throws IOException {
        JsonFactory factory = looksLikeJson(in) ? TREES.getFactory() : new YAMLFactory();
        try (JsonParser p = state.observing(factory.createParser(in))) {
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
        } catch (JsonProcessingException e) {
            throw parseError(name, state.at(e.getLocation()), e);
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
        Instant now = exact || state.newest() == null || !state.newest().isAfter(taken) ? taken : state.newest();
        ClusterSnapshot snapshot = ClusterSnapshot.builder(name, now).coverageByContent().addAll(state.objects).build();
        return new Result(snapshot, notes);
    }

    /** The parser is at START_OBJECT: reads one object or one List, streaming its items. */
    private void readDocument(JsonParser p, SnapshotReadState state) throws IOException {
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
                if (state.boundItems != null) { // read ahead in parallel, in place of this (then empty) array
                    state.append(state.boundItems.state());
                    itemsWithoutKind.addAll(state.boundItems.withoutKind());
                    state.boundItems = null;
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
                        + state.line(p.currentLocation()) + ": an object without 'kind' (expected kubectl get -o yaml|json output)");
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
    void readItem(JsonParser p, SnapshotReadState state, List<JsonNode> itemsWithoutKind) throws IOException {
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
            HasMetadata object = EarlySnapshotFile.boundAs(state.boundAhead, type);
            if (object != null) {
                state.observeClockOf(state.boundAhead);
            } else {
                try {
                    object = TREES.readValue(p, type);
                } catch (JsonProcessingException e) {
                    throw new AgentException(ExitCodes.USAGE, "cannot parse " + state.name + state.at(e.getLocation())
                            + ": " + kind + ": " + KubeClients.firstLine(e.getOriginalMessage()), e.toString(), e);
                }
                // read before the body, so not bound: as the file says, like an object bound from a tree (a
                // custom resource has no defaults for them)
                object.setApiVersion(apiVersion);
                if (object instanceof GenericKubernetesResource custom) {
                    custom.setKind(kind);
                }
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

    private void accept(JsonNode node, SnapshotReadState state) {
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
}
