package dev.k8sai.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where the items of a JSON List file lie: one top-level object whose {@code items} array holds
 * objects (what {@code kubectl get -o json} prints). Found by a byte-level scan that only tracks
 * strings and nesting (a tenth of what tokenizing costs), so the items can be bound on several threads.
 * Anything else — a single object, an array, several documents, an item that is not an object, a
 * structure that does not close — has no layout, and the file is read by the one streaming parser,
 * which also reports its syntax errors.
 *
 * @param bytes the file
 * @param arrayStart index of the items array's '['
 * @param arrayEnd index of its ']'
 * @param starts index of each item's '{', in file order
 * @param ends index after each item's '}'
 */
record JsonListLayout(byte[] bytes, int arrayStart, int arrayEnd, int[] starts, int[] ends) {

    private static final byte[] ITEMS = "items".getBytes(StandardCharsets.US_ASCII);

    int size() {
        return starts.length;
    }

    /** A parser of item {@code i} at its START_OBJECT, binding with {@code codec}, its timestamps noted into {@code state}. */
    JsonParser openItem(int i, ObjectMapper codec, SnapshotReadState state) throws IOException {
        JsonParser p = state.observing(codec.getFactory().createParser(bytes, starts[i], ends[i] - starts[i]));
        p.setCodec(codec);
        p.nextToken();
        return p;
    }

    /** The layout of {@code b}, or null when it is not one object with an items array of objects. */
    static JsonListLayout of(byte[] b) {
        int i = skipSpace(b, skipBom(b));
        if (i >= b.length || b[i] != '{') {
            return null;
        }
        int arrayStart = -1;
        int arrayEnd = -1;
        int[] starts = new int[1024];
        int[] ends = new int[1024];
        int count = 0;
        i = skipSpace(b, i + 1);
        if (i < b.length && b[i] == '}') {
            return null; // an empty object: let the streaming reader say what is wrong with it
        }
        while (true) {
            if (i >= b.length || b[i] != '"') {
                return null;
            }
            int keyEnd = skipString(b, i);
            if (keyEnd < 0) {
                return null;
            }
            boolean items = Arrays.equals(b, i + 1, keyEnd - 1, ITEMS, 0, ITEMS.length);
            i = skipSpace(b, keyEnd);
            if (i >= b.length || b[i] != ':') {
                return null;
            }
            i = skipSpace(b, i + 1);
            if (items) {
                if (arrayStart >= 0 || i >= b.length || b[i] != '[') {
                    return null; // twice, or not an array: the streaming reader decides
                }
                arrayStart = i;
                i = skipSpace(b, i + 1);
                if (i < b.length && b[i] != ']') {
                    while (true) {
                        if (i >= b.length || b[i] != '{') {
                            return null;
                        }
                        int end = skipValue(b, i);
                        if (end < 0) {
                            return null;
                        }
                        if (count == starts.length) {
                            starts = Arrays.copyOf(starts, count * 2);
                            ends = Arrays.copyOf(ends, count * 2);
                        }
                        starts[count] = i;
                        ends[count++] = end;
                        i = skipSpace(b, end);
                        if (i < b.length && b[i] == ',') {
                            i = skipSpace(b, i + 1);
                        } else {
                            break;
                        }
                    }
                }
                if (i >= b.length || b[i] != ']') {
                    return null;
                }
                arrayEnd = i;
                i++;
            } else {
                i = skipValue(b, i);
                if (i < 0) {
                    return null;
                }
            }
            i = skipSpace(b, i);
            if (i < b.length && b[i] == ',') {
                i = skipSpace(b, i + 1);
            } else if (i < b.length && b[i] == '}') {
                break;
            } else {
                return null;
            }
        }
        if (arrayStart < 0 || skipSpace(b, i + 1) != b.length) {
            return null; // no items, or more than one document
        }
        return new JsonListLayout(b, arrayStart, arrayEnd, Arrays.copyOf(starts, count), Arrays.copyOf(ends, count));
    }

    /** The file without its items (an empty array in their place); see {@link #readingTheRest}. */
    byte[] withoutItems() {
        byte[] out = new byte[arrayStart + 1 + bytes.length - arrayEnd];
        System.arraycopy(bytes, 0, out, 0, arrayStart + 1);
        System.arraycopy(bytes, arrayEnd, out, arrayStart + 1, bytes.length - arrayEnd);
        return out;
    }

    /** Makes {@code state} name lines and columns of this file while it reads {@link #withoutItems()}. */
    void readingTheRest(SnapshotReadState state) {
        state.readingAllBut(bytes, arrayStart, arrayEnd - arrayStart - 1);
    }

    /** 1-based line and column (in bytes, as Jackson counts them) of the byte at {@code offset}. */
    static int[] lineAndColumn(byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(offset, bytes.length); i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }

    private static int skipBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
    }

    private static int skipSpace(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** {@code b[i]} is '"': the index after the closing quote, or -1. */
    private static int skipString(byte[] b, int i) {
        for (i++; i < b.length; i++) {
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i++;
            }
        }
        return -1;
    }

    /** What a byte means to {@link #skipValue}: most mean nothing, so the loop tests one table entry. */
    private static final byte[] STRUCTURE = new byte[256];
    private static final byte QUOTE = 1;
    private static final byte OPEN = 2;
    private static final byte CLOSE = 3;

    static {
        STRUCTURE['"'] = QUOTE;
        STRUCTURE['{'] = OPEN;
        STRUCTURE['['] = OPEN;
        STRUCTURE['}'] = CLOSE;
        STRUCTURE[']'] = CLOSE;
    }

    /** The index after the value starting at {@code b[i]}, or -1 when it does not end. */
    private static int skipValue(byte[] b, int i) {
        byte first = b[i];
        if (first == '"') {
            return skipString(b, i);
        }
        if (first != '{' && first != '[') {
            while (i < b.length && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\n'
                    && b[i] != '\r' && b[i] != '\t') {
                i++;
            }
            return i;
        }
        byte[] structure = STRUCTURE;
        int depth = 0;
        int n = b.length;
        while (i < n) {
            byte kind = structure[b[i] & 0xFF];
            if (kind == 0) {
                i++;
            } else if (kind == QUOTE) {
                // inside a string only '"' and '\\' matter
                for (i++; i < n && b[i] != '"'; i++) {
                    if (b[i] == '\\') {
                        i++;
                    }
                }
                i++;
            } else if (kind == OPEN) {
                depth++;
                i++;
            } else {
                i++;
                if (--depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }
}
