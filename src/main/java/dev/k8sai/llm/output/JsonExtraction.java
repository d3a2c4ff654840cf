package dev.k8sai.llm.output;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the JSON a model meant to send inside a chatty reply.
 * <ol>
 * <li>Thinking blocks are dropped ({@link ThinkBlocks}).</li>
 * <li>Fenced blocks (```json, ```jsonc, ```json5 or unlabelled ```) are tried first, in order;
 *     an unterminated fence (reply cut off) runs to the end of the text.</li>
 * <li>Otherwise the first balanced {…} in the prose that parses; arrays […] only when no object parses,
 *     because replies are objects and prose is full of [1]-style brackets.</li>
 * </ol>
 * Parsing is lenient through Jackson's {@link JsonReadFeature}s (trailing commas, single quotes, unquoted
 * keys, comments, raw control characters in strings, NaN). Two repairs Jackson cannot do are hand-written:
 * Python literals (True/False/None outside strings) and truncation (unclosed strings and brackets are
 * closed in order).
 */
public final class JsonExtraction {

    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern FENCE = Pattern.compile(
            "```[ \\t]*(json5?|jsonc|JSON)?[ \\t]*\\r?\\n(.*?)(?:```|\\z)", Pattern.DOTALL);

    private static final int MAX_PROSE_CANDIDATES = 64;

    private JsonExtraction() {
    }

    /** The first JSON object (or array) in the reply, leniently parsed; empty if there is none. */
    public static Optional<JsonNode> extract(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String visible = ThinkBlocks.split(text).visible();
        Matcher m = FENCE.matcher(visible);
        while (m.find()) {
            Optional<JsonNode> parsed = parseCandidate(m.group(2).trim());
            if (parsed.isPresent()) {
                return parsed;
            }
        }
        // The whole reply may be the JSON (a bare array must not lose to its first inner object).
        String whole = visible.strip();
        if (whole.startsWith("{") || whole.startsWith("[")) {
            Optional<JsonNode> parsed = parseCandidate(whole);
            if (parsed.isPresent() && parsed.get().isContainerNode()) {
                return parsed;
            }
        }
        for (char open : new char[] {'{', '['}) {
            int tries = 0;
            // each try scans and parses from its start: bound the work on brace-heavy prose (logs, code)
            for (int i = visible.indexOf(open); i >= 0 && tries++ < MAX_PROSE_CANDIDATES; i = visible.indexOf(open, i + 1)) {
                Optional<JsonNode> parsed = parseCandidate(balancedFrom(visible, i));
                if (parsed.isPresent() && parsed.get().isContainerNode()) {
                    return parsed;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Every fenced JSON block of the reply, in order (models asked for one array often answer with one block
     * per item); without fenced JSON, the first JSON value as {@link #extract} finds it.
     */
    public static java.util.List<JsonNode> extractAll(String text) {
        if (text == null || text.isBlank()) {
            return java.util.List.of();
        }
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        Matcher m = FENCE.matcher(ThinkBlocks.split(text).visible());
        while (m.find()) {
            parseCandidate(m.group(2).trim()).ifPresent(out::add);
        }
        if (out.isEmpty()) {
            extract(text).ifPresent(out::add);
        }
        return out;
    }

    /** Lenient parse of one JSON text, with Python-literal and truncation repair; only objects and arrays count. */
    public static Optional<JsonNode> parseLenient(String candidate) {
        return parseCandidate(candidate == null ? "" : candidate.trim());
    }

    private static Optional<JsonNode> parseCandidate(String candidate) {
        if (candidate.isEmpty() || (candidate.charAt(0) != '{' && candidate.charAt(0) != '[')) {
            return Optional.empty();
        }
        String fixed = replacePythonLiterals(candidate);
        for (String attempt : repairs(fixed)) {
            try {
                JsonNode node = LENIENT.readTree(attempt);
                if (node != null && node.isContainerNode()) {
                    return Optional.of(node);
                }
            } catch (Exception e) {
                // try the next repair
            }
        }
        return Optional.empty();
    }

    /** The candidate as is, then with truncation repaired (closing an open string and brackets). */
    private static List<String> repairs(String s) {
        List<String> out = new ArrayList<>();
        out.add(s);
        Scan scan = scan(s, 0);
        if (scan.end >= 0) {
            return out;
        }
        StringBuilder closed = new StringBuilder(s);
        if (scan.quote != 0) {
            closed.append(scan.quote);
        }
        String body = closed.toString().stripTrailing();
        // a dangling separator would still fail after closing: "a": → "a": null, trailing , is allowed
        if (body.endsWith(":")) {
            body = body + " null";
        }
        String closers = closers(scan.stack);
        out.add(body + closers);
        // cut off inside a key: {"a": 1, "b  →  {"a": 1, "b": null}
        out.add(body + ": null" + closers);
        return out;
    }

    private static String closers(Deque<Character> stack) {
        StringBuilder sb = new StringBuilder();
        for (char c : stack) {
            sb.append(c == '{' ? '}' : ']');
        }
        return sb.toString();
    }

    /** The text from start to its matching close bracket, or to the end if it never closes (truncated). */
    private static String balancedFrom(String text, int start) {
        Scan scan = scan(text, start);
        return scan.end >= 0 ? text.substring(start, scan.end + 1) : text.substring(start);
    }

    private record Scan(int end, char quote, Deque<Character> stack) {
    }

    /** Walks brackets outside strings ("…" and '…', with backslash escapes) from start. */
    private static Scan scan(String s, int start) {
        Deque<Character> stack = new ArrayDeque<>();
        char quote = 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '"', '\'' -> quote = c;
                case '{', '[' -> stack.push(c);
                case '}', ']' -> {
                    if (stack.isEmpty()) {
                        return new Scan(i - 1, (char) 0, stack);
                    }
                    stack.pop();
                    if (stack.isEmpty()) {
                        return new Scan(i, (char) 0, stack);
                    }
                }
                default -> { }
            }
        }
        return new Scan(-1, quote, stack);
    }

    /** True/False/None → true/false/null outside strings (Python dict reprs); Jackson has no option for this. */
    static String replacePythonLiterals(String s) {
        StringBuilder out = new StringBuilder(s.length());
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < s.length()) {
                    out.append(s.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
                out.append(c);
                continue;
            }
            if (Character.isLetter(c) && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))) {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                String word = s.substring(i, j);
                out.append(switch (word) {
                    case "True" -> "true";
                    case "False" -> "false";
                    case "None" -> "null";
                    default -> word;
                });
                i = j - 1;
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }
}
