package dev.k8sai.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A snapshot file read ahead of need. The CLI starts one for {@code analyze|audit -f FILE} before it
 * builds its command tree, so reading the file, finding its items ({@link JsonListLayout}) and binding
 * the first of them run on a second core while picocli and the configuration are set up — about a
 * fifth of a second of reading a large file, which is otherwise bound only once the command runs.
 *
 * <p>Only a head start, never a different result: it is used only by a read of the same file, still
 * of the same size and modification time, and an item bound ahead is used only where that read
 * resolves the item to the same class (this one knows the built-in kinds only). Everything else —
 * namespaces, ignored kinds, errors — is the read's own: an item that failed here is simply bound
 * again, and reports its error there.
 */
public final class EarlySnapshotFile {

    private static final AtomicReference<EarlySnapshotFile> PENDING = new AtomicReference<>();

    /** The file as it was read: its size and time (to tell a changed file), items, and the items bound so far. */
    private record Loaded(long size, FileTime modified, JsonListLayout layout, AtomicReferenceArray<SnapshotReadState> items) {
    }

    private final Path file;
    /** Completed with null when the file is not one the parallel read takes (or cannot be read). */
    private final CompletableFuture<Loaded> loaded = new CompletableFuture<>();
    private volatile boolean stopped;
    private Loaded taken;

    private EarlySnapshotFile(Path file) {
        this.file = file;
    }

    /** Starts reading {@code file} on a daemon thread, replacing a read not taken. */
    public static void start(Path file) {
        EarlySnapshotFile early = new EarlySnapshotFile(file);
        stop(PENDING.getAndSet(early));
        Thread.ofPlatform().name("early-snapshot-file").daemon().start(early::load);
    }

    /** Drops a read not taken (the command did not read that file). */
    public static void discard() {
        stop(PENDING.getAndSet(null));
    }

    private static void stop(EarlySnapshotFile early) {
        if (early != null) {
            early.stopped = true;
        }
    }

    /**
     * The read of {@code file} if one was started and the file has not changed since (waiting for it
     * to be read and laid out); binding ahead stops, and the items bound by then stay available. Null
     * otherwise.
     */
    static EarlySnapshotFile take(Path file) {
        EarlySnapshotFile early = PENDING.get();
        if (early == null || !early.file.equals(file) || !PENDING.compareAndSet(early, null)) {
            return null;
        }
        Loaded loaded = early.loaded.join();
        early.stopped = true;
        try {
            BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
            if (loaded == null || now.size() != loaded.size() || !now.lastModifiedTime().equals(loaded.modified())) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        early.taken = loaded;
        return early;
    }

    JsonListLayout layout() {
        return taken.layout();
    }

    /** The item's one-item read state, bound ahead, at most once; null when it was not. */
    SnapshotReadState takeItem(int index) {
        return taken.items().getAndSet(index, null);
    }

    private void load() {
        Loaded result = null;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.isRegularFile() && SnapshotFileReader.Parallelism.DEFAULT.fits(attributes.size()) && !stopped) {
                JsonListLayout layout = JsonListLayout.of(Files.readAllBytes(file));
                if (layout != null && layout.bytes().length == attributes.size()) {
                    result = new Loaded(attributes.size(), attributes.lastModifiedTime(), layout,
                            new AtomicReferenceArray<>(layout.size()));
                }
            }
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            // the read meets the same problem and reports it (a daemon thread's error would print a stack trace)
        } finally {
            loaded.complete(result);
        }
        if (result != null) {
            try {
                bindAhead(result);
            } catch (OutOfMemoryError e) {
                // what was bound ahead is dropped, for the read to have the memory
                for (int i = 0; i < result.items().length(); i++) {
                    result.items().set(i, null);
                }
            }
        }
    }

    /** Binds items in file order with the built-in kinds, until taken. */
    private void bindAhead(Loaded loaded) {
        JsonListLayout layout = loaded.layout();
        SnapshotFileReader reader = new SnapshotFileReader(List.of());
        List<JsonNode> withoutKind = new ArrayList<>();
        for (int i = 0; i < layout.size() && !stopped; i++) {
            withoutKind.clear();
            SnapshotReadState item = new SnapshotReadState(file.toString(), null);
            try (JsonParser p = layout.openItem(i, ModelJson.MAPPER, item)) {
                reader.readItem(p, item, withoutKind);
            } catch (IOException | RuntimeException | StackOverflowError e) {
                continue; // bound (and reported) by the read; a daemon thread's error would print a stack trace
            }
            if (item.objects.size() == 1 && item.unknown.isEmpty() && withoutKind.isEmpty() && !stopped) {
                loaded.items().set(i, item);
            }
        }
    }

    /** The objects the pending read has bound so far, in file order (tests). */
    static List<HasMetadata> pendingObjects() {
        EarlySnapshotFile early = PENDING.get();
        Loaded loaded = early == null ? null : early.loaded.getNow(null);
        List<HasMetadata> bound = new ArrayList<>();
        for (int i = 0; loaded != null && i < loaded.items().length(); i++) {
            SnapshotReadState item = loaded.items().get(i);
            if (item != null) {
                bound.add(item.objects.getFirst());
            }
        }
        return bound;
    }

    /** The one object of an item's state bound ahead, if it was bound to {@code type}. */
    static HasMetadata boundAs(SnapshotReadState item, Class<? extends HasMetadata> type) {
        return item != null && item.objects.getFirst().getClass() == type ? item.objects.getFirst() : null;
    }
}
