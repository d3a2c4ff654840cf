package dev.k8sai.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code tr}: character sets with ranges and classes, -d and -s. */
final class TrStage {

    private TrStage() { }

    static TextStage tr(List<String> args) {
        String supported = "tr SET1 SET2 | tr -d SET | tr -s SET (ranges like a-z, classes like [:upper:], escapes \\n \\t)";
        boolean delete = false, squeeze = false;
        List<String> sets = new ArrayList<>();
        for (String a : args) {
            if (a.matches("-[ds]+")) {
                delete |= a.contains("d");
                squeeze |= a.contains("s");
            } else if (a.startsWith("-") && a.length() > 1) {
                throw Stages.unsupported("tr", "option " + a, supported);
            } else {
                sets.add(a);
            }
        }
        if (delete && sets.size() != 1 || !delete && !squeeze && sets.size() != 2 || squeeze && !delete && (sets.isEmpty() || sets.size() > 2)) {
            throw Stages.unsupported("tr", "arguments " + args, supported);
        }
        String set1 = expandSet(sets.get(0));
        String set2 = sets.size() > 1 ? expandSet(sets.get(1)) : "";
        final boolean del = delete, sq = squeeze;
        return input -> {
            StringBuilder sb = new StringBuilder();
            String squeezeSet = sets.size() == 2 ? set2 : set1;
            char last = 0;
            boolean haveLast = false;
            for (char c : input.toCharArray()) {
                int idx = set1.indexOf(c);
                if (del && idx >= 0) {
                    continue;
                }
                char o = c;
                if (!del && idx >= 0 && !set2.isEmpty()) {
                    o = set2.charAt(Math.min(idx, set2.length() - 1)); // tr pads SET2 with its last character
                }
                if (sq && haveLast && o == last && squeezeSet.indexOf(o) >= 0) {
                    continue;
                }
                sb.append(o);
                last = o;
                haveLast = true;
            }
            return sb.toString();
        };
    }

    private static final Map<String, String> CLASSES = new LinkedHashMap<>();

    static {
        CLASSES.put("[:upper:]", "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        CLASSES.put("[:lower:]", "abcdefghijklmnopqrstuvwxyz");
        CLASSES.put("[:digit:]", "0123456789");
        CLASSES.put("[:space:]", " \t\n\r\f\u000b");
        CLASSES.put("[:blank:]", " \t");
        CLASSES.put("[:alpha:]", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
        CLASSES.put("[:alnum:]", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
        CLASSES.put("[:punct:]", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
    }

    static String expandSet(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '[' && s.startsWith("[:", i)) {
                int end = s.indexOf(":]", i);
                String cls = end < 0 ? null : CLASSES.get(s.substring(i, end + 2));
                if (cls == null) {
                    throw new CommandRejectedException("tr: unknown character class in '" + s + "'.");
                }
                out.append(cls);
                i = end + 1;
                continue;
            }
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                c = switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> n;
                };
            }
            if (i + 2 < s.length() && s.charAt(i + 1) == '-') {
                char to = s.charAt(i + 2);
                if (to < c) {
                    throw new CommandRejectedException("tr: range " + c + "-" + to + " is in reverse order.");
                }
                for (char x = c; x <= to; x++) {
                    out.append(x);
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
