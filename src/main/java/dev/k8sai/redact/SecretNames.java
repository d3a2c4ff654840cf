package dev.k8sai.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a key name (env var, YAML/JSON key, header) names a secret, and which placeholder label to use.
 * <p>
 * The name is split into words (snake, kebab, dotted and camelCase): DB_PASSWORD → db,password;
 * apiKey → api,key. It is secret when a word or adjacent pair means password/secret/token/key material/credential/auth.
 * <p>
 * Key material: a name of two or more words whose last word is "key"/"keys" (ENCRYPTION_KEY, signingKey,
 * ssh-key, tls.key) or that ends in "key data" (kubeconfig's client-key-data). The bare word "key" is not
 * secret: in Kubernetes objects it names a lookup key (secretKeyRef.key, tolerations, label selectors), and
 * neither are names whose qualifier says the key is not secret material (topologyKey, publicKey, sortKey, …).
 * <p>
 * Deliberate exceptions, because they describe a secret rather than hold one and are what diagnosis needs:
 * names whose last word is metadata (secretName, secretKeyRef, token_ttl_seconds, passwordFile, tokenPath,
 * authType, KEY_NAME...). "author"/"authority"/"oauth2-proxy" are not "auth" because whole words are compared.
 */
final class SecretNames {

    static final Set<String> WORDS = Set.of(
            "password", "passwords", "passwd", "pwd", "pass", "passphrase", "secret", "secrets", "token", "tokens",
            "apikey", "credential", "credentials", "creds", "auth", "privatekey", "accesskey", "secretkey",
            "authorization", "authtoken", "accesstoken", "refreshtoken", "bearertoken", "clientsecret", "sessiontoken", "dbpassword");

    private static final Set<String> METADATA_LAST_WORDS = Set.of(
            "name", "names", "ref", "refs", "file", "files", "path", "paths", "dir", "ttl", "seconds", "secs", "ms",
            "minutes", "hours", "timeout", "expiry", "expires", "expiration", "length", "size", "count", "limit",
            "type", "kind", "url", "uri", "endpoint", "namespace", "mode", "enabled", "disabled", "policy",
            "provider", "version", "format", "duration", "period", "lifetime", "class", "volume", "mount",
            "store", "source", "method", "required", "rotation", "audience", "audiences", "issuer", "keyref");

    /** Qualifiers before a final "key" that name a lookup, index or public key rather than secret material. */
    private static final Set<String> NON_SECRET_KEY_QUALIFIERS = Set.of(
            "public", "primary", "foreign", "sort", "partition", "routing", "cache", "lookup", "topology", "label",
            "labels", "annotation", "selector", "match", "shard", "sharding", "idempotency", "dedup", "group", "index",
            "object", "map", "field", "node", "config", "configmap", "hot", "row", "column");

    private SecretNames() {
    }

    /** The placeholder label ("password", "token", ...) if the name holds a secret, else null. */
    static String label(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        List<String> words = words(name);
        if (words.isEmpty() || METADATA_LAST_WORDS.contains(words.getLast())) {
            return null;
        }
        String keyLabel = keyMaterial(words);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String pair = i + 1 < words.size() ? w + words.get(i + 1) : "";
            String label = labelOf(pair);
            if (label == null) {
                label = labelOf(w);
            }
            if (label != null) {
                return label;
            }
        }
        return keyLabel;
    }

    /** "key" for ENCRYPTION_KEY, signingKeys, client-key-data; null for the bare word and lookup keys. */
    private static String keyMaterial(List<String> words) {
        int n = words.size();
        if (n >= 2 && (words.getLast().equals("key") || words.getLast().equals("keys"))
                && !NON_SECRET_KEY_QUALIFIERS.contains(words.get(n - 2))) {
            return "key";
        }
        if (n >= 3 && words.get(n - 2).equals("key") && words.getLast().equals("data")) {
            return "key";
        }
        return null;
    }

    private static String labelOf(String w) {
        if (w.isEmpty() || !WORDS.contains(w)) {
            return null;
        }
        return switch (w) {
            case "password", "passwords", "passwd", "pwd", "pass", "passphrase", "dbpassword" -> "password";
            case "secret", "secrets", "clientsecret", "secretkey" -> "secret";
            case "token", "tokens", "authtoken", "accesstoken", "refreshtoken", "bearertoken", "sessiontoken" -> "token";
            case "apikey" -> "api_key";
            case "accesskey" -> "access_key";
            case "privatekey" -> "private_key";
            case "credential", "credentials", "creds" -> "credential";
            case "auth", "authorization" -> "auth";
            default -> null;
        };
    }

    /**
     * Pieces one of which every secret name holds, in lower case with its separators removed: each of
     * {@link #WORDS} holds one (a pair of words joined, e.g. DB_PASSWORD, API_KEY, too), and so does key material.
     */
    private static final List<String> PIECES = List.of("pass", "pwd", "secret", "token", "key", "cred", "auth");

    /**
     * False when no name in {@code text} can be secret ({@link #label} null for every name the redaction
     * rules match), so the rules keyed on names can be skipped. Those names are ASCII letters, digits
     * and the separators _ . - (never a blank); they are split into words at separators and camel case
     * and adjacent words are joined, so the text is searched with those separators removed.
     */
    static boolean mayNameOne(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (Redactor.containsAny(lower, PIECES)) {
            return true;
        }
        if (lower.indexOf('_') < 0 && lower.indexOf('.') < 0 && lower.indexOf('-') < 0) {
            return false;
        }
        return Redactor.containsAny(lower.replace("_", "").replace(".", "").replace("-", ""), PIECES);
    }

    static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(cur, out);
                continue;
            }
            // camelCase boundary: lower→Upper (apiKey), or Upper followed by lower after an acronym (APIKey)
            if (Character.isUpperCase(c) && !cur.isEmpty()) {
                char prev = name.charAt(i - 1);
                boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                if (Character.isLowerCase(prev) || Character.isDigit(prev) || (Character.isUpperCase(prev) && nextLower)) {
                    flush(cur, out);
                }
            }
            cur.append(Character.toLowerCase(c));
        }
        flush(cur, out);
        return out;
    }

    private static void flush(StringBuilder cur, List<String> out) {
        if (!cur.isEmpty()) {
            out.add(cur.toString().toLowerCase(Locale.ROOT));
            cur.setLength(0);
        }
    }
}
