package dev.k8sai.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text and JSON before anything is sent to an LLM. Placeholders look like
 * {@code [REDACTED:password]}; URL credentials become {@code scheme://[REDACTED]@host}.
 * <p>
 * What is redacted:
 * <ul>
 * <li>PEM private key blocks (also an unterminated one, to the end of the text);</li>
 * <li>{@code Authorization: Bearer|Basic …} and any {@code Bearer <token>};</li>
 * <li>credentials in URLs;</li>
 * <li>well-known key formats: AWS access key ids, GitHub, OpenAI, Slack, Google API keys, Stripe keys, JWTs;</li>
 * <li>values of secret-looking names ({@link SecretNames}): {@code NAME=value}, {@code --password=x},
 *     YAML {@code name: value} (block scalars included), JSON {@code "name": "value"}, and Kubernetes env
 *     entries {@code {"name": "DB_PASSWORD", "value": "…"}} / {@code - name: DB_PASSWORD\n  value: …};</li>
 * <li>the value of kubectl's {@code --from-literal=KEY=VALUE}, whatever the key;</li>
 * <li>every value under {@code data}/{@code stringData} in a YAML or JSON document that contains
 *     {@code kind: Secret} (in a mixed List a ConfigMap's data is redacted too: safe side).</li>
 * </ul>
 * Not redacted: values true/false/null/empty, variable references like {@code ${DB_PASSWORD}} or
 * {@code $(DB_PASSWORD)}, and names that describe a secret without holding one (secretName, secretKeyRef,
 * token_ttl_seconds: 30, passwordFile, …) because diagnosis needs them. Ordinary words are never matched on their own.
 * <p>
 * Hand-written regexes rather than a library: no maintained Java secret scanner fits a CLI fat jar, and
 * the rules must know Kubernetes shapes.
 */
public final class Redactor {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Possessive: a name is its maximal run (backtracking into long tokens made redaction quadratic). */
    private static final String NAME = "[A-Za-z_][A-Za-z0-9_.-]*+";

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY( BLOCK)?-----.*?(?:-----END \\1PRIVATE KEY( BLOCK)?-----|\\z)", Pattern.DOTALL);
    private static final Pattern AUTH_HEADER = Pattern.compile(
            "(?i)(\\b(?:proxy-)?authorization[\"']?\\s*[:=]\\s*[\"']?)(bearer|basic|token|digest|negotiate)?(\\s*)([^\\s\"',;]+)");
    private static final Pattern BEARER = Pattern.compile(
            "\\b(Bearer\\s+)(?=[A-Za-z._~+/-]{0,4096}+[0-9])([A-Za-z0-9._~+/-]{16,}=*)");
    private static final Pattern URL_CREDENTIALS = Pattern.compile(
            "(?<![a-zA-Z0-9+.-])([a-zA-Z][a-zA-Z0-9+.-]*+://)([^/\\s:@\"'<>]*+):([^/\\s@\"'<>]++)@");

    private record KeyFormat(String label, Pattern pattern) { }

    private static final List<KeyFormat> KEY_FORMATS = List.of(
            new KeyFormat("jwt", Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}")),
            new KeyFormat("aws_access_key", Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\\b")),
            new KeyFormat("github_token", Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})\\b")),
            new KeyFormat("api_key", Pattern.compile("\\bsk-(?=[A-Za-z_-]{0,200}+[0-9])[A-Za-z0-9_-]{20,}")),
            new KeyFormat("slack_token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}")),
            new KeyFormat("google_api_key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}")),
            new KeyFormat("stripe_key", Pattern.compile("\\b[rs]k_(?:live|test)_[0-9A-Za-z]{16,}")));

    /** {"name": "DB_PASSWORD", "value": "…"} in either key order. */
    private static final String ENV_VALUE = "(\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+\"|'[^'\\n]*'|[^,}\\s]+)";
    private static final Pattern JSON_ENV_NAME_FIRST = Pattern.compile(
            "([\"']?name[\"']?\\s*:\\s*[\"']?([A-Za-z_][A-Za-z0-9_.-]*)[\"']?\\s*,\\s*[\"']?value[\"']?\\s*:\\s*)" + ENV_VALUE);
    private static final Pattern JSON_ENV_VALUE_FIRST = Pattern.compile(
            "([\"']?value[\"']?\\s*:\\s*)" + ENV_VALUE
                    + "(\\s*,\\s*[\"']?name[\"']?\\s*:\\s*[\"']?([A-Za-z_][A-Za-z0-9_.-]*)[\"']?)");
    /** YAML env list entry: "- name: DB_PASSWORD" then "  value: …" on the next line. */
    private static final Pattern YAML_ENV = Pattern.compile(
            "(?m)^([ \\t]*-[ \\t]+name:[ \\t]*[\"']?(" + NAME + ")[\"']?[ \\t]*\\r?\\n[ \\t]+value:[ \\t]*)(\\S.*)$");
    /** "name": "value" / 'name': value (quoted key, JSON or flow style). */
    private static final Pattern QUOTED_KEY = Pattern.compile(
            "([\"'])(" + NAME + ")\\1(\\s*:\\s*)(\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+\"|'[^'\\n]*'|[^\\s,}\\]\"']+)");
    /** YAML "name: value" at the start of a line: the value is the rest of the line. */
    private static final Pattern YAML_LINE = Pattern.compile(
            "(?m)^([ \\t]*(?:-[ \\t]+)?)(" + NAME + ")(:[ \\t]+)(\\S.*?)[ \\t]*$");
    /** NAME=value, --password=value, query strings ?token=…&. */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?<![A-Za-z0-9_.-])(-{0,2}" + NAME + ")([ \\t]*=[ \\t]*)(\"[^\"\\n]*\"|'[^'\\n]*'|[^\\s\"'&;,]+)");
    /** kubectl's --from-literal=KEY=VALUE (create secret/configmap): the value, whatever the key is called. */
    private static final Pattern FROM_LITERAL = Pattern.compile(
            "(--from-literal[= ][\"']?[^=\\s\"']+=)(\"[^\"\\n]*\"|'[^'\\n]*'|[^\\s\"']+)");
    /** "name: value" inside a log line; one token only. */
    private static final Pattern INLINE_COLON = Pattern.compile(
            "(?<![A-Za-z0-9_.-])(" + NAME + ")(:[ \\t]+)([^\\s\"',;]+)");
    private static final Pattern VAR_REFERENCE = Pattern.compile("^[\"']?(\\$\\{[^}]+}|\\$\\([A-Za-z_][A-Za-z0-9_]*\\)|\\$[A-Za-z_][A-Za-z0-9_]*)[\"']?$");
    private static final Pattern DATA_ENTRY = Pattern.compile("^([^:#]+:)([ \\t]*)(.*)$");
    private static final Pattern KIND_SECRET = Pattern.compile("(?m)(^[ \\t]*(?:-[ \\t]+)?kind:[ \\t]*[\"']?Secret[\"']?[ \\t]*$)");

    private Redactor() {
    }

    public static String placeholder(String label) {
        return "[REDACTED:" + label + "]";
    }

    public static Redaction redact(String text) {
        try {
            return redactChecked(text);
        } catch (StackOverflowError e) {
            // Pathological input for a pattern: fail closed rather than pass unchecked text on.
            return new Redaction(placeholder("unchecked_text") + " (" + (text == null ? 0 : text.length())
                    + " characters withheld: they could not be checked for secrets)", 1);
        }
    }

    private static Redaction redactChecked(String text) {
        if (text == null || text.isEmpty()) {
            return new Redaction(text == null ? "" : text, 0);
        }
        String trimmed = text.strip();
        if ((trimmed.startsWith("{") && trimmed.endsWith("}")) || (trimmed.startsWith("[") && trimmed.endsWith("]"))) {
            try {
                JsonNode tree = JSON.readTree(trimmed);
                if (tree != null && tree.isContainerNode()) {
                    JsonRedaction r = redactJson(tree);
                    return new Redaction(r.count() == 0 ? text : r.json().toPrettyString(), r.count());
                }
            } catch (Exception notJson) {
                // fall through to the text rules
            }
        }
        Counter c = new Counter();
        String s = text;
        s = replace(s, PEM, m -> c.hit(placeholder("private_key")));
        if (KIND_SECRET.matcher(s).find()) {
            s = redactYamlSecretData(s, c);
        }
        s = replace(s, AUTH_HEADER, m -> alreadyRedacted(m.group(4)) ? m.group()
                : m.group(1) + (m.group(2) == null ? "" : m.group(2)) + m.group(3) + c.hit(placeholder("token")));
        s = replace(s, BEARER, m -> m.group(1) + c.hit(placeholder("token")));
        s = replace(s, URL_CREDENTIALS, m -> m.group(1) + c.hit("[REDACTED]") + "@");
        for (KeyFormat f : KEY_FORMATS) {
            s = replace(s, f.pattern(), m -> c.hit(placeholder(f.label())));
        }
        s = replace(s, JSON_ENV_NAME_FIRST, m -> secretValue(m.group(2), m.group(3))
                ? m.group(1) + c.hit(quoteLike(m.group(3), placeholder(SecretNames.label(m.group(2))))) : m.group());
        s = replace(s, JSON_ENV_VALUE_FIRST, m -> secretValue(m.group(4), m.group(2))
                ? m.group(1) + c.hit(quoteLike(m.group(2), placeholder(SecretNames.label(m.group(4))))) + m.group(3) : m.group());
        s = replace(s, YAML_ENV, m -> secretValue(m.group(2), m.group(3))
                ? m.group(1) + c.hit(placeholder(SecretNames.label(m.group(2)))) : m.group());
        s = replace(s, QUOTED_KEY, m -> secretValue(m.group(2), m.group(4))
                ? m.group(1) + m.group(2) + m.group(1) + m.group(3) + c.hit(quoteLike(m.group(4), placeholder(SecretNames.label(m.group(2)))))
                : m.group());
        s = redactYamlLines(s, c);
        s = replace(s, FROM_LITERAL, m -> alreadyRedacted(m.group(2)) ? m.group() : m.group(1) + c.hit(placeholder("literal")));
        s = replace(s, ASSIGNMENT, m -> secretValue(m.group(1), m.group(3))
                ? m.group(1) + m.group(2) + c.hit(placeholder(SecretNames.label(m.group(1)))) : m.group());
        s = replace(s, INLINE_COLON, m -> secretValue(m.group(1), m.group(3))
                ? m.group(1) + m.group(2) + c.hit(placeholder(SecretNames.label(m.group(1)))) : m.group());
        return new Redaction(s, c.count);
    }

    /** A redacted deep copy: Secret data, secret-named fields, env entries; every other string goes through {@link #redact(String)}. */
    public static JsonRedaction redactJson(JsonNode node) {
        if (node == null) {
            return new JsonRedaction(null, 0);
        }
        Counter c = new Counter();
        JsonNode copy = node.deepCopy();
        JsonNode result = walk(copy, c);
        return new JsonRedaction(result, c.count);
    }

    private static JsonNode walk(JsonNode node, Counter c) {
        if (node.isTextual()) {
            Redaction r = redact(node.asText());
            c.count += r.count();
            return r.count() == 0 ? node : TextNode.valueOf(r.text());
        }
        if (node.isArray()) {
            ArrayNode arr = (ArrayNode) node;
            for (int i = 0; i < arr.size(); i++) {
                arr.set(i, walk(arr.get(i), c));
            }
            return arr;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode obj = (ObjectNode) node;
        boolean isSecret = "Secret".equals(obj.path("kind").asText(null));
        JsonNode envName = obj.get("name");
        String envLabel = envName != null && envName.isTextual() && obj.has("value") ? SecretNames.label(envName.asText()) : null;
        List<String> names = new ArrayList<>();
        obj.fieldNames().forEachRemaining(names::add);
        for (String field : names) {
            JsonNode value = obj.get(field);
            if (isSecret && (field.equals("data") || field.equals("stringData")) && value.isObject()) {
                ObjectNode data = (ObjectNode) value;
                List<String> keys = new ArrayList<>();
                data.fieldNames().forEachRemaining(keys::add);
                for (String k : keys) {
                    if (!data.get(k).isNull()) {
                        data.put(k, c.hit(placeholder("secret_data")));
                    }
                }
                continue;
            }
            String label = field.equals("value") && envLabel != null ? envLabel : SecretNames.label(field);
            String labelName = field.equals("value") && envLabel != null ? envName.asText() : field;
            if (label != null && value.isValueNode() && secretValue(labelName, value.asText())) {
                obj.set(field, TextNode.valueOf(c.hit(placeholder(label))));
                continue;
            }
            obj.set(field, walk(value, c));
        }
        return obj;
    }

    /** Inside a document holding kind: Secret, every entry under a data:/stringData: key (indentation-scoped). */
    private static String redactYamlSecretData(String s, Counter c) {
        String[] lines = s.split("\n", -1);
        int blockIndent = -1;
        int childIndent = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String body = line.stripLeading();
            int indent = line.length() - body.length();
            if (blockIndent >= 0) {
                if (body.isEmpty()) {
                    continue;
                }
                if (indent > blockIndent) {
                    if (childIndent < 0) {
                        childIndent = indent;
                    }
                    if (indent == childIndent) {
                        Matcher m = DATA_ENTRY.matcher(body);
                        if (m.matches() && !m.group(3).isEmpty() && !alreadyRedacted(m.group(3))) {
                            String rest = m.group(3);
                            lines[i] = line.substring(0, indent) + m.group(1) + " " + c.hit(placeholder("secret_data"));
                            if (rest.startsWith("|") || rest.startsWith(">")) {
                                // block scalar: drop its continuation lines
                                int j = i + 1;
                                while (j < lines.length && (lines[j].isBlank() || indentOf(lines[j]) > indent)) {
                                    lines[j] = null;
                                    j++;
                                }
                                i = j - 1;
                            }
                        }
                    } else if (indent > childIndent) {
                        lines[i] = null; // multi-line plain scalar continuation
                    }
                    continue;
                }
                blockIndent = -1;
                childIndent = -1;
            }
            String key = body.startsWith("- ") ? body.substring(2).stripLeading() : body;
            int keyIndent = body.startsWith("- ") ? indent + (body.length() - key.length()) : indent;
            if (key.matches("(?:data|stringData):[ \\t]*(#.*)?")) {
                blockIndent = keyIndent;
            }
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (line != null) {
                if (!out.isEmpty()) {
                    out.append('\n');
                }
                out.append(line);
            }
        }
        return out.toString();
    }

    /** YAML "password: value" lines, including "password: |" block scalars whose indented lines follow. */
    private static String redactYamlLines(String s, Counter c) {
        Matcher m = YAML_LINE.matcher(s);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            if (m.start() < last) {
                continue;
            }
            String name = m.group(2);
            String value = m.group(4);
            if (!secretValue(name, value) || value.startsWith("{") || value.startsWith("[") || value.startsWith("&")
                    || value.startsWith("#")) {
                continue;
            }
            out.append(s, last, m.start());
            out.append(m.group(1)).append(name).append(m.group(3));
            int end = m.end();
            if (value.startsWith("|") || value.startsWith(">")) {
                int indent = m.group(1).length();
                end = skipMoreIndented(s, m.end(), indent);
            }
            out.append(c.hit(placeholder(SecretNames.label(name))));
            last = end;
        }
        out.append(s, last, s.length());
        return out.toString();
    }

    /** Index after the lines following pos that are blank or indented deeper than indent. */
    private static int skipMoreIndented(String s, int pos, int indent) {
        int end = pos;
        while (end < s.length() && s.charAt(end) == '\n') {
            int lineEnd = s.indexOf('\n', end + 1);
            String line = s.substring(end + 1, lineEnd < 0 ? s.length() : lineEnd);
            if (!line.isBlank() && indentOf(line) <= indent) {
                break;
            }
            end = lineEnd < 0 ? s.length() : lineEnd;
        }
        return end;
    }

    private static int indentOf(String line) {
        return line.length() - line.stripLeading().length();
    }

    private static boolean secretValue(String name, String value) {
        if (SecretNames.label(name) == null || value == null) {
            return false;
        }
        String v = value.strip();
        String unquoted = v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'")) ? v.substring(1, v.length() - 1) : v;
        // kubectl describe prints "<set to the key 'password' in secret 'db'>": a reference, not the value
        if (unquoted.isEmpty() || alreadyRedacted(unquoted) || VAR_REFERENCE.matcher(v).matches()
                || unquoted.startsWith("<set")) {
            return false;
        }
        // "input_tokens=1234" is a count, not a token; numeric passwords/secrets stay redacted
        if ("token".equals(SecretNames.label(name)) && unquoted.length() < 8 && unquoted.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return switch (unquoted.toLowerCase(java.util.Locale.ROOT)) {
            // auth scheme words: the token after them is handled by the Authorization/Bearer rules
            case "bearer", "basic", "digest", "negotiate" -> false;
            case "true", "false", "null", "~", "none", "yes", "no", "<none>", "<unset>", "|", ">" -> unquoted.startsWith("|") || unquoted.startsWith(">");
            default -> true;
        };
    }

    private static boolean alreadyRedacted(String v) {
        return v.contains("[REDACTED");
    }

    private static String quoteLike(String original, String replacement) {
        if (original.startsWith("\"")) {
            return "\"" + replacement + "\"";
        }
        if (original.startsWith("'")) {
            return "'" + replacement + "'";
        }
        return replacement;
    }

    private static String replace(String s, Pattern p, Function<Matcher, String> f) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(f.apply(m)));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }

    private static final class Counter {
        int count;

        String hit(String placeholder) {
            count++;
            return placeholder;
        }
    }
}
