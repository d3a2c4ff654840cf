package dev.k8sai.cluster;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@link SnapshotFileReader} gathers while it reads a file, or one chunk of a file's items: the
 * objects in file order, the kinds it ignored, and the newest timestamp seen (the snapshot's clock).
 */
final class SnapshotReadState {

    /** Field names whose values are timestamps that mark "when the snapshot was taken" at the latest. */
    private static final Set<String> TIME_FIELDS = Set.of("creationTimestamp", "lastTransitionTime", "lastProbeTime",
            "lastUpdateTime", "lastHeartbeatTime", "firstTimestamp", "lastTimestamp", "eventTime", "startedAt",
            "finishedAt", "startTime", "completionTime", "lastScheduleTime", "lastSuccessfulTime");

    final String name;
    final String namespace;
    final List<HasMetadata> objects = new ArrayList<>();
    final Map<String, Integer> unknown = new TreeMap<>();
    private Instant newest;
    /** The text of {@link #newest} when it is in the seconds-UTC form, else null. */
    private String newestText;

    /** The item being read as {@link EarlySnapshotFile} bound it ahead (a one-item state), or null. */
    SnapshotReadState boundAhead;
    /** The items of the file's List, bound ahead by {@link ParallelItemReader}; null when they are streamed. */
    ParallelItemReader.Items boundItems;
    /**
     * Set while a parser reads a part of {@code file} (one item, or the file without its items): its
     * byte offsets start at {@code partStart}, and those past {@code gapAt} skip {@code gapLength} bytes.
     */
    private byte[] file;
    private int partStart;
    private int gapAt = Integer.MAX_VALUE;
    private int gapLength;

    SnapshotReadState(String name, String namespace) {
        this.name = name;
        this.namespace = namespace;
    }

    /** Locations are from now on in the part of {@code file} that starts at byte {@code partStart}. */
    void readingPart(byte[] file, int partStart) {
        this.file = file;
        this.partStart = partStart;
    }

    /** Locations are from now on in {@code file} without the {@code gapLength} bytes after byte {@code gapAt}. */
    void readingAllBut(byte[] file, int gapAt, int gapLength) {
        this.file = file;
        this.gapAt = gapAt;
        this.gapLength = gapLength;
    }

    /** A parser's location as " at line L, column C" of the file, or "" when unknown. */
    String at(JsonLocation in) {
        int[] lineAndColumn = inFile(in);
        return lineAndColumn == null ? "" : " at line " + lineAndColumn[0] + ", column " + lineAndColumn[1];
    }

    /** The line of the file at a parser's location. */
    int line(JsonLocation in) {
        int[] lineAndColumn = inFile(in);
        return lineAndColumn == null ? in.getLineNr() : lineAndColumn[0];
    }

    private int[] inFile(JsonLocation in) {
        if (in == null) {
            return null;
        }
        long offset = in.getByteOffset();
        if (file == null || offset < 0) {
            return new int[] {in.getLineNr(), in.getColumnNr()};
        }
        int at = partStart + (int) offset;
        return JsonListLayout.lineAndColumn(file, at > gapAt ? at + gapLength : at);
    }

    /** The newest timestamp seen, or null. */
    Instant newest() {
        return newest;
    }

    /** Appends what {@code later} (a state of the items after this one's) gathered. */
    void append(SnapshotReadState later) {
        objects.addAll(later.objects);
        later.unknown.forEach((k, n) -> unknown.merge(k, n, Integer::sum));
        observeClockOf(later);
    }

    /** Takes the clock of {@code item} (its newest timestamp), as if its tokens had been read here. */
    void observeClockOf(SnapshotReadState item) {
        if (item.newest != null && (newest == null || item.newest.isAfter(newest))) {
            newest = item.newest;
            newestText = item.newestText;
        }
    }

    /** {@code parser}, noting every timestamp it reads into this state. */
    JsonParser observing(JsonParser parser) {
        return new TimeObservingParser(parser, this);
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

    /**
     * Notes every timestamp-valued string under a {@link #TIME_FIELDS} name as tokens stream by, for
     * both the tree and the direct-binding path (Jackson reads values through nextToken/nextValue/
     * nextTextValue; each is observed here).
     */
    private static final class TimeObservingParser extends JsonParserDelegate {
        private final SnapshotReadState state;

        TimeObservingParser(JsonParser delegate, SnapshotReadState state) {
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
                // The value's shape first: the binder reads the text anyway (the parser keeps it), while
                // looking up every string's field name was a tenth of binding a large file.
                String value = delegate.getText();
                if (value.length() >= 20 && value.charAt(4) == '-' && (value.charAt(10) == 'T' || value.charAt(10) == 't')) {
                    String field = delegate.currentName();
                    if (field != null && TIME_FIELDS.contains(field)) {
                        state.observe(value);
                    }
                }
            }
            return t;
        }
    }
}
