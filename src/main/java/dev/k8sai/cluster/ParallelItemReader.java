package dev.k8sai.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Binds the items of a {@link JsonListLayout} on several threads. Binding fabric8 model objects, not
 * tokenizing, is most of reading a large snapshot (in a 10,000-pod file about four fifths), and items
 * are independent: each chunk of consecutive items gets its own {@link SnapshotReadState}, and the
 * chunks are appended in file order, so the objects, the ignored kinds and the clock are what one
 * streaming pass gives. When items are malformed, the first one in file order is reported, at its
 * line in the file.
 */
final class ParallelItemReader {

    /** Reads one item from a parser at its START_OBJECT (SnapshotFileReader#readItem). */
    @FunctionalInterface
    interface ItemReader {
        void read(JsonParser p, SnapshotReadState state, List<JsonNode> itemsWithoutKind) throws IOException;
    }

    /** What the items gave: their objects, ignored kinds and clock, and the items that carry no kind. */
    record Items(SnapshotReadState state, List<JsonNode> withoutKind) {
    }

    private final ObjectMapper codec;
    private final ItemReader reader;
    private final int threads;

    ParallelItemReader(ObjectMapper codec, ItemReader reader, int threads) {
        this.codec = codec;
        this.reader = reader;
        this.threads = threads;
    }

    Items read(JsonListLayout layout, String name, String namespace) {
        return read(layout, name, namespace, null);
    }

    /** As {@link #read(JsonListLayout, String, String)}, taking the items {@code early} (null: none) bound ahead. */
    Items read(JsonListLayout layout, String name, String namespace, EarlySnapshotFile early) {
        int n = layout.size();
        // Several chunks per thread, taken in turn: a thread slowed by a busy core takes fewer.
        int chunkCount = Math.max(1, Math.min(n / 64, threads * 8));
        Chunk[] chunks = new Chunk[chunkCount];
        for (int c = 0; c < chunkCount; c++) {
            chunks[c] = new Chunk((int) ((long) n * c / chunkCount), (int) ((long) n * (c + 1) / chunkCount),
                    new SnapshotReadState(name, namespace));
        }
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int c = next.getAndIncrement(); c < chunkCount; c = next.getAndIncrement()) {
                bind(layout, chunks[c], early);
                if (chunks[c].failure != null) {
                    next.set(chunkCount); // later chunks cannot hold the first error
                }
            }
        };
        List<Thread> helpers = new ArrayList<>();
        for (int t = 1; t < Math.min(threads, chunkCount); t++) {
            helpers.add(Thread.ofPlatform().name("snapshot-reader-" + t).daemon().start(work));
        }
        work.run();
        for (Thread t : helpers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + name, e);
            }
        }
        SnapshotReadState all = new SnapshotReadState(name, namespace);
        List<JsonNode> withoutKind = new ArrayList<>();
        for (Chunk chunk : chunks) {
            if (chunk.failure instanceof Error e) {
                throw e;
            }
            if (chunk.failure instanceof RuntimeException e) {
                throw e;
            }
            if (chunk.done < chunk.to) {
                throw new IllegalStateException("items " + chunk.done + "-" + chunk.to + " of " + name + " were not read");
            }
            all.append(chunk.state);
            withoutKind.addAll(chunk.withoutKind);
        }
        return new Items(all, withoutKind);
    }

    private void bind(JsonListLayout layout, Chunk chunk, EarlySnapshotFile early) {
        for (int i = chunk.from; i < chunk.to; i++) {
            chunk.state.readingPart(layout.bytes(), layout.starts()[i]);
            chunk.state.boundAhead = early == null ? null : early.takeItem(i);
            try (JsonParser p = layout.openItem(i, codec, chunk.state)) {
                reader.read(p, chunk.state, chunk.withoutKind);
            } catch (JsonProcessingException e) {
                chunk.failure = SnapshotFileReader.parseError(chunk.state.name, chunk.state.at(e.getLocation()), e);
                return;
            } catch (IOException e) {
                chunk.failure = new UncheckedIOException(e);
                return;
            } catch (RuntimeException | Error e) {
                // rethrown by the reading thread, as the streaming read would throw it (e.g. OutOfMemoryError)
                chunk.failure = e;
                return;
            }
            chunk.done = i + 1;
        }
    }

    private static final class Chunk {
        final int from;
        final int to;
        final SnapshotReadState state;
        final List<JsonNode> withoutKind = new ArrayList<>();
        int done;
        Throwable failure;

        Chunk(int from, int to, SnapshotReadState state) {
            this.from = from;
            this.to = to;
            this.done = from;
            this.state = state;
        }
    }
}
