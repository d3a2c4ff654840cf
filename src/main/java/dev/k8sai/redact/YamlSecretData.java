package dev.k8sai.redact;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text fallback for YAML that does not parse as a whole (cut off, or mixed with other text) but holds
 * {@code kind: Secret}: every entry under a data:/stringData: key is replaced, scoped by indentation.
 */
final class YamlSecretData {

    private static final Pattern DATA_ENTRY = Pattern.compile("^([^:#]+:)([ \\t]*)(.*)$");

    private YamlSecretData() {
    }

    static String redact(String s, Hits c) {
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
                        if (m.matches() && !m.group(3).isEmpty() && !Redactor.alreadyRedacted(m.group(3))) {
                            String rest = m.group(3);
                            lines[i] = line.substring(0, indent) + m.group(1) + " " + c.hit(Redactor.placeholder("secret_data"), rest);
                            if (rest.startsWith("|") || rest.startsWith(">")) {
                                // block scalar: drop its continuation lines
                                int j = i + 1;
                                while (j < lines.length && (lines[j].isBlank() || Redactor.indentOf(lines[j]) > indent)) {
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

}
