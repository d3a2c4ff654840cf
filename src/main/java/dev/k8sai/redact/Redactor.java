package dev.k8sai.redact;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Consumer;
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

    /** Possessive: a name is its maximal run (backtracking into long tokens made redaction quadratic). */
    private static final String NAME = "[A-Za-z_][A-Za-z0-9_.-]*+";

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY( BLOCK)?-----.*?(?:-----END \\1PRIVATE KEY( BLOCK)?-----|\\z)", Pattern.DOTALL);
    private static final Pattern AUTH_HEADER = Pattern.compile(
            "(?i)(\\b(?:proxy-)?authorization[\"']?\\s*[:=]\\s*[\"']?)(bearer|basic|token|digest|negotiate)?(\\s*)([^\\s\"',;]+)");
    /** kubectl's --from-literal=KEY=VALUE (create secret/configmap): the value, whatever the key is called. */
    private static final Pattern FROM_LITERAL = Pattern.compile(
            "(--from-literal[= ][\"']?[^=\\s\"']+=)(\"[^\"\\n]*\"|'[^'\\n]*'|[^\\s\"']+)");
    private static final Pattern BEARER = Pattern.compile(
            "\\b(Bearer\\s+)(?=[A-Za-z._~+/-]{0,4096}+[0-9])([A-Za-z0-9._~+/-]{16,}=*)");
    private static final Pattern URL_CREDENTIALS = Pattern.compile(
            "(?<![a-zA-Z0-9+.-])([a-zA-Z][a-zA-Z0-9+.-]*+://)([^/\\s:@\"'<>]*+):([^/\\s@\"'<>]++)@");

    /** A key format, and literals one of which every match contains (a text without them skips the regex). */
    private record KeyFormat(String label, Pattern pattern, List<String> literals) {
        boolean mayMatch(String text) {
            return containsAny(text, literals);
        }
    }

    private static final List<KeyFormat> KEY_FORMATS = List.of(
            new KeyFormat("jwt", Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"), List.of("eyJ")),
            new KeyFormat("aws_access_key", Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\\b"),
                    List.of("AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA")),
            new KeyFormat("github_token", Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})\\b"),
                    List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_")),
            new KeyFormat("api_key", Pattern.compile("\\bsk-(?=[A-Za-z_-]{0,200}+[0-9])[A-Za-z0-9_-]{20,}"), List.of("sk-")),
            new KeyFormat("slack_token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"), List.of("xox")),
            new KeyFormat("google_api_key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}"), List.of("AIza")),
            new KeyFormat("stripe_key", Pattern.compile("\\b[rs]k_(?:live|test)_[0-9A-Za-z]{16,}"), List.of("k_live_", "k_test_")));

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
    /**
     * YAML "name: value" at the start of a line: the value is the rest of the line. The name may carry an
     * annotation prefix (example.com/api-token) and follow a describe heading ("Annotations:  x/token: v").
     */
    private static final Pattern YAML_LINE = Pattern.compile(
            "(?m)^([ \\t]*(?:-[ \\t]+|[A-Z][A-Za-z ]{0,40}:[ \\t]+)?(?:[A-Za-z0-9][A-Za-z0-9.-]*+/)?)(" + NAME + ")(:[ \\t]+)(\\S.*?)[ \\t]*$");
    /** NAME=value, --password=value, query strings ?token=…&. */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?<![A-Za-z0-9_.-])(-{0,2}" + NAME + ")([ \\t]*=[ \\t]*)(\"[^\"\\n]*\"|'[^'\\n]*'|[^\\s\"'&;,]+)");
    /** "name: value" inside a log line; one token only. */
    private static final Pattern INLINE_COLON = Pattern.compile(
            "(?<![A-Za-z0-9_.-])(" + NAME + ")(:[ \\t]+)([^\\s\"',;]+)");
    private static final Pattern VAR_REFERENCE = Pattern.compile("^[\"']?(\\$\\{[^}]+}|\\$\\([A-Za-z_][A-Za-z0-9_]*\\)|\\$[A-Za-z_][A-Za-z0-9_]*)[\"']?$");
    private static final Pattern KIND_SECRET = Pattern.compile("(?m)(^[ \\t]*(?:-[ \\t]+)?kind:[ \\t]*[\"']?Secret[\"']?[ \\t]*$)");

    private Redactor() {
    }

    public static String placeholder(String label) {
        return "[REDACTED:" + label + "]";
    }

    public static Redaction redact(String text) {
        return redact(text, null);
    }

    /**
     * As {@link #redact(String)}, handing every replaced value to {@code seen} (the run's {@link SecretLedger}),
     * so the same value is also scrubbed wherever else it turns up.
     */
    public static Redaction redact(String text, Consumer<String> seen) {
        try {
            return redactChecked(text, new Hits(seen));
        } catch (StackOverflowError e) {
            // Pathological input for a pattern: fail closed rather than pass unchecked text on.
            return new Redaction(placeholder("unchecked_text") + " (" + (text == null ? 0 : text.length())
                    + " characters withheld: they could not be checked for secrets)", 1);
        }
    }

    private static Redaction redactChecked(String text, Hits c) {
        if (text == null || text.isEmpty()) {
            return new Redaction(text == null ? "" : text, 0);
        }
        String document = DocumentRedactor.redactDocument(text, c);
        if (document != null) {
            return new Redaction(document, c.count());
        }
        if (text.length() < 15 && !hasAny(text, ":=<\"' \t\n")) {
            return new Redaction(text, 0); // a name, phase or number: no rule below can match it
        }
        // Each rule runs only when its trigger text is present: the structural pass calls this for every
        // string of a large kubectl output, and most strings hold none.
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        String s = text;
        if (text.contains("PRIVATE KEY")) {
            s = replace(s, PEM, m -> c.hit(placeholder("private_key"), m.group()));
        }
        if (KIND_SECRET.matcher(s).find()) {
            s = YamlSecretData.redact(s, c);
        }
        if (lower.contains("authorization")) {
            s = replace(s, AUTH_HEADER, m -> alreadyRedacted(m.group(4)) ? m.group()
                    : m.group(1) + (m.group(2) == null ? "" : m.group(2)) + m.group(3) + c.hit(placeholder("token"), m.group(4)));
        }
        if (text.contains("Bearer")) {
            s = replace(s, BEARER, m -> m.group(1) + c.hit(placeholder("token"), m.group(2)));
        }
        if (text.contains("--from-literal")) {
            s = replace(s, FROM_LITERAL, m -> alreadyRedacted(m.group(2)) ? m.group()
                    : m.group(1) + c.hit(placeholder("literal"), m.group(2)));
        }
        if (text.contains("://")) {
            s = replace(s, URL_CREDENTIALS, m -> m.group(1) + c.hit("[REDACTED]", m.group(3)) + "@");
        }
        if (text.length() >= 15) {
            for (KeyFormat f : KEY_FORMATS) {
                if (f.mayMatch(s)) {
                    s = replace(s, f.pattern(), m -> c.hit(placeholder(f.label()), m.group()));
                }
            }
        }
        // The rules below redact only values of secret-looking names; most texts (event messages, log
        // lines) name none, and running them all was most of the redaction of a large report.
        boolean named = SecretNames.mayNameOne(text);
        if (lower.contains("name") && lower.contains("value") && mayName(named, s, text)) {
            s = replace(s, JSON_ENV_NAME_FIRST, m -> secretValue(m.group(2), m.group(3))
                    ? m.group(1) + c.hit(quoteLike(m.group(3), placeholder(SecretNames.label(m.group(2)))), m.group(3)) : m.group());
            s = replace(s, JSON_ENV_VALUE_FIRST, m -> secretValue(m.group(4), m.group(2))
                    ? m.group(1) + c.hit(quoteLike(m.group(2), placeholder(SecretNames.label(m.group(4)))), m.group(2)) + m.group(3) : m.group());
            s = replace(s, YAML_ENV, m -> secretValue(m.group(2), m.group(3))
                    ? m.group(1) + c.hit(placeholder(SecretNames.label(m.group(2))), m.group(3)) : m.group());
        }
        boolean colon = text.indexOf(':') >= 0;
        if (colon && hasAny(text, "\"'") && mayName(named, s, text)) {
            s = replace(s, QUOTED_KEY, m -> secretValue(m.group(2), m.group(4))
                    ? m.group(1) + m.group(2) + m.group(1) + m.group(3) + c.hit(quoteLike(m.group(4), placeholder(SecretNames.label(m.group(2)))), m.group(4))
                    : m.group());
        }
        if (colon && mayName(named, s, text)) {
            s = redactYamlLines(s, c);
        }
        s = CommandLineSecrets.redact(s, c, mayName(named, s, text));
        if (text.indexOf('=') >= 0 && mayName(named, s, text)) {
            s = replace(s, ASSIGNMENT, m -> secretValue(m.group(1), m.group(3))
                    ? m.group(1) + m.group(2) + c.hit(placeholder(SecretNames.label(m.group(1))), m.group(3)) : m.group());
        }
        if (colon && mayName(named, s, text)) {
            s = replace(s, INLINE_COLON, m -> secretValue(m.group(1), m.group(3))
                    ? m.group(1) + m.group(2) + c.hit(placeholder(SecretNames.label(m.group(1))), m.group(3)) : m.group());
        }
        return new Redaction(s, c.count());
    }

    /** A redacted deep copy: Secret data, secret-named fields, env entries; every other string goes through {@link #redact(String)}. */
    public static JsonRedaction redactJson(JsonNode node) {
        if (node == null) {
            return new JsonRedaction(null, 0);
        }
        Hits hits = new Hits(null);
        JsonNode result = DocumentRedactor.walk(node.deepCopy(), hits, null);
        return new JsonRedaction(result, hits.count());
    }

    /** YAML "password: value" lines, including "password: |" block scalars whose indented lines follow. */
    private static String redactYamlLines(String s, Hits c) {
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
            out.append(c.hit(placeholder(SecretNames.label(name)), value.startsWith("|") || value.startsWith(">") ? s.substring(m.end(), end) : value));
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

    static int indentOf(String line) {
        return line.length() - line.stripLeading().length();
    }

    static boolean secretValue(String name, String value) {
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

    /**
     * Whether a rule keyed on a secret-looking name can change {@code s}: when {@code text} (the input)
     * names none, only if an earlier rule has changed it since (a placeholder brings its own words).
     */
    private static boolean mayName(boolean textNamesOne, String s, String text) {
        return textNamesOne || !s.equals(text);
    }

    /** Whether {@code s} holds one of {@code literals} (the shortcuts' test before a rule's regex). */
    static boolean containsAny(String s, List<String> literals) {
        for (String literal : literals) {
            if (s.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    static boolean alreadyRedacted(String v) {
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

    static String replace(String s, Pattern p, Function<Matcher, String> f) {
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
}
