package dev.k8sai.redact;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The second, value-based layer of redaction: every secret value one run has redacted (Secret data,
 * secret-named env values and fields, credentials found by pattern) is remembered, and {@link #scrub}
 * removes it from any text before that text goes to a model. Structural redaction before the pipeline
 * stages is the main defence; this layer catches a value that reaches the model by another road — the
 * same value under an innocent name, or reshaped by a stage.
 * <p>
 * A value is found in these views of a text: literally and case-insensitively (ascii_upcase); in its
 * base64, base64url, URL-encoded, JSON-escaped and reversed forms; as the "skeleton" of letters and digits
 * (separators inserted by {@code join(" ")}, {@code @sh} quoting or line wrapping); and inside decoded
 * tokens: base64/base64url words that decode to text containing it (also when the value sits at any
 * offset of a larger encoded string), runs of numbers that are its code points ({@code explode}), and
 * %-encoded words. Values shorter than {@link #MIN_LENGTH} are not remembered: scrubbing every "abc"
 * would garble ordinary text, and they stay covered by the structural pass only.
 */
public final class SecretLedger implements Consumer<String> {

    public static final int MIN_LENGTH = 6;
    /** Letters-and-digits views are only compared for values at least this long (fewer accidental hits). */
    private static final int MIN_SKELETON = 8;
    private static final int MAX_FORMS = 200_000;
    private static final String PLACEHOLDER = Redactor.placeholder("secret_value");

    private static final Pattern NUMBER_RUN = Pattern.compile("\\b\\d{1,7}(?:[\\s,;]+\\d{1,7}){" + (MIN_LENGTH - 1) + ",}+\\b");
    private static final Pattern PERCENT_WORD = Pattern.compile("(?<![^\\s\"'<>])[^\\s\"'<>%]*+%[0-9A-Fa-f]{2}[^\\s\"'<>]*+");
    private static final Pattern PADDING = Pattern.compile("=+$");
    private static final Pattern BASE64_ONLY = Pattern.compile("[A-Za-z0-9+/_-]+");

    /** Requests resend the whole conversation: earlier messages are scrubbed once per ledger state. */
    private final Map<String, String> scrubbed = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 512;
        }
    };
    private final Index literal = new Index();
    private final Index skeleton = new Index();
    private final Set<String> seen = new HashSet<>();

    /** Remembers a secret value (alias of {@link #record}), so the ledger can serve as a redaction sink. */
    @Override
    public void accept(String value) {
        record(value);
    }

    /** Remembers a secret value as seen in some output; base64 text is remembered decoded too. */
    public synchronized void record(String value) {
        if (value == null) {
            return;
        }
        String v = value.strip();
        if (v.length() < MIN_LENGTH || v.contains("[REDACTED") || !seen.add(v) || literal.size() > MAX_FORMS) {
            return;
        }
        scrubbed.clear();
        addForms(v);
        String decoded = decodeText(v);
        if (decoded != null && !decoded.isBlank()) {
            addForms(decoded.strip());
        }
    }

    public synchronized boolean isEmpty() {
        return literal.size() == 0;
    }

    /** The text with every remembered value, in every view above, replaced by a placeholder. */
    public synchronized String scrub(String text) {
        if (text == null || text.isEmpty() || isEmpty()) {
            return text;
        }
        // only conversation-sized texts are cached (a 4 MB kubectl output is scrubbed once anyway)
        return text.length() > 64 * 1024 ? scrubNow(text) : scrubbed.computeIfAbsent(text, this::scrubNow);
    }

    private String scrubNow(String text) {
        List<int[]> hits = literal.find(lower(text));
        for (int[] h : hits) {
            while (h[1] < text.length() && text.charAt(h[1]) == '=') {
                h[1]++; // base64 padding after an encoded form
            }
        }
        String out = replaceRanges(text, hits);
        out = scrubSkeleton(out);
        out = scrubBase64Words(out);
        out = scrubDecoded(out, NUMBER_RUN, SecretLedger::codePoints);
        if (out.indexOf('%') >= 0) {
            out = scrubDecoded(out, PERCENT_WORD, SecretLedger::urlDecoded);
        }
        return out;
    }

    private void addForms(String v) {
        List<String> forms = new ArrayList<>(List.of(v, new StringBuilder(v).reverse().toString()));
        byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
        forms.add(Base64.getEncoder().encodeToString(bytes));
        forms.add(Base64.getUrlEncoder().encodeToString(bytes));
        forms.add(URLEncoder.encode(v, StandardCharsets.UTF_8));
        forms.add(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t"));
        for (String f : forms) {
            String trimmed = PADDING.matcher(f).replaceAll("");
            if (trimmed.length() >= MIN_LENGTH) {
                literal.add(lower(trimmed));
            }
        }
        String skel = skeletonOf(v).text();
        if (skel.length() >= MIN_SKELETON) {
            skeleton.add(skel);
        }
        // a file held in a Secret (.env, config): its lines and NAME=value values are secrets of their own
        if (v.indexOf('\n') >= 0) {
            for (String line : v.split("\n")) {
                String l = line.strip();
                int sep = l.indexOf('=') > 0 ? l.indexOf('=') : l.indexOf(": ");
                String valuePart = sep > 0 ? l.substring(sep + 1).strip() : "";
                for (String part : List.of(l, valuePart)) {
                    if (part.length() >= MIN_LENGTH && !part.equals(v)) {
                        literal.add(lower(part));
                    }
                }
            }
        }
    }

    private boolean containsSecret(String decoded) {
        return decoded != null && (!literal.find(lower(decoded)).isEmpty()
                || !skeleton.find(skeletonOf(decoded).text()).isEmpty());
    }

    private String scrubSkeleton(String text) {
        Skeleton s = skeletonOf(text);
        List<int[]> hits = skeleton.find(s.text());
        if (hits.isEmpty()) {
            return text;
        }
        List<int[]> ranges = new ArrayList<>();
        for (int[] h : hits) {
            ranges.add(new int[] {s.origin()[h[0]], s.origin()[h[1] - 1] + 1});
        }
        return replaceRanges(text, ranges);
    }

    /** Maximal runs of base64/base64url characters (a loop: a regex scan of a large output is several times slower). */
    private String scrubBase64Words(String text) {
        List<int[]> ranges = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (!isBase64Char(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && isBase64Char(text.charAt(i))) {
                i++;
            }
            int end = i;
            while (end < text.length() && end - i < 2 && text.charAt(end) == '=') {
                end++;
            }
            if (i - start >= 8 && containsSecret(decodeText(text.substring(start, i)))) {
                ranges.add(new int[] {start, end});
            }
            i = end;
        }
        return replaceRanges(text, ranges);
    }

    private static boolean isBase64Char(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '_' || c == '-';
    }

    private String scrubDecoded(String text, Pattern word, java.util.function.Function<String, String> decoder) {
        Matcher m = word.matcher(text);
        List<int[]> ranges = new ArrayList<>();
        while (m.find()) {
            if (containsSecret(decoder.apply(m.group()))) {
                ranges.add(new int[] {m.start(), m.end()});
            }
        }
        return replaceRanges(text, ranges);
    }

    private static String replaceRanges(String text, List<int[]> ranges) {
        if (ranges.isEmpty()) {
            return text;
        }
        ranges.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        for (int[] r : ranges) {
            if (r[1] <= last) {
                continue;
            }
            int start = Math.max(r[0], last);
            out.append(text, last, start);
            if (start == r[0]) {
                out.append(PLACEHOLDER);
            }
            last = r[1];
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    /** Lower-cases char by char, so indexes stay those of the original text. */
    private static String lower(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = Character.toLowerCase(c[i]);
        }
        return new String(c);
    }

    private record Skeleton(String text, int[] origin) { }

    /** Letters and digits only, lower-cased, with each one's index in the original. */
    private static Skeleton skeletonOf(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int[] origin = new int[s.length()];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                origin[b.length()] = i;
                b.append(Character.toLowerCase(c));
            }
        }
        return new Skeleton(b.toString(), origin);
    }

    /** base64 or base64url (padding optional) that decodes to valid UTF-8 text; else null. */
    static String decodeText(String word) {
        String w = PADDING.matcher(word).replaceAll("");
        if (w.length() < 8 || w.length() % 4 == 1 || !BASE64_ONLY.matcher(w).matches()) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(w.replace('-', '+').replace('_', '/') + "=".repeat((4 - w.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            return null;
        }
        // not via a reporting CharsetDecoder: most words are not base64 text, and an exception each is slow
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\uFFFD' || c < ' ' && c != '\n' && c != '\r' && c != '\t') {
                return null;
            }
        }
        return text;
    }

    private static String codePoints(String run) {
        StringBuilder b = new StringBuilder();
        for (String n : run.split("[\\s,;]+")) {
            int cp = Integer.parseInt(n);
            if (!Character.isValidCodePoint(cp)) {
                return null;
            }
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    private static String urlDecoded(String word) {
        try {
            return URLDecoder.decode(word, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Finds stored strings in a text by a hash of their first {@link #MIN_LENGTH} characters: one lookup per position. */
    private static final class Index {
        private final Map<Long, List<String>> byPrefix = new HashMap<>();
        private final Set<String> all = new HashSet<>();

        void add(String form) {
            if (all.add(form)) {
                byPrefix.computeIfAbsent(prefixKey(form, 0), k -> new ArrayList<>()).add(form);
            }
        }

        int size() {
            return all.size();
        }

        /** The first six chars packed into a long (no substring allocated per position of a large text). */
        private static long prefixKey(String s, int at) {
            long key = 0;
            for (int i = 0; i < MIN_LENGTH; i++) {
                key = key * 65_599 + s.charAt(at + i);
            }
            return key;
        }

        /** [start, end) of every occurrence. */
        List<int[]> find(String haystack) {
            List<int[]> hits = new ArrayList<>();
            if (all.isEmpty()) {
                return hits;
            }
            for (int i = 0; i + MIN_LENGTH <= haystack.length(); i++) {
                List<String> bucket = byPrefix.get(prefixKey(haystack, i));
                if (bucket != null) {
                    for (String form : bucket) {
                        if (haystack.startsWith(form, i)) {
                            hits.add(new int[] {i, i + form.length()});
                        }
                    }
                }
            }
            return hits;
        }
    }
}
