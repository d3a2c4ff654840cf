package dev.k8sai.tools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code sort} (-r -n -u -k -t -h), with -h understanding Kubernetes quantities (250m, Mi). */
final class SortStage {

    private SortStage() { }

    static TextStage sort(List<String> args) {
        String supported = "sort [-r] [-n] [-h] [-u] [-k N[,M]] [-t SEP]";
        boolean reverse = false, numeric = false, human = false, unique = false;
        int keyStart = 0, keyEnd = 0;
        String sep = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-k") || a.equals("-t")) {
                if (i + 1 >= args.size()) {
                    throw Stages.unsupported("sort", a + " without a value", supported);
                }
                String v = args.get(++i);
                a = a + v;
            }
            if (a.startsWith("-k")) {
                Matcher m = Pattern.compile("(\\d+)(?:,(\\d+))?([nrh]*)").matcher(a.substring(2));
                if (!m.matches()) {
                    throw Stages.unsupported("sort", "key " + a, supported);
                }
                keyStart = Integer.parseInt(m.group(1));
                keyEnd = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                numeric |= m.group(3).contains("n");
                reverse |= m.group(3).contains("r");
                human |= m.group(3).contains("h");
            } else if (a.startsWith("-t")) {
                sep = a.substring(2);
                if (sep.length() != 1) {
                    throw Stages.unsupported("sort", "separator '" + sep + "' (must be one character)", supported);
                }
            } else if (a.matches("-[rnuh]+")) {
                reverse |= a.contains("r");
                numeric |= a.contains("n");
                unique |= a.contains("u");
                human |= a.contains("h");
            } else {
                throw Stages.unsupported("sort", "argument " + a, supported);
            }
        }
        final int ks = keyStart, ke = keyEnd;
        final String fs = sep;
        final boolean num = numeric, hum = human, uniq = unique;
        Comparator<String> byKey;
        java.util.function.Function<String, String> key = line -> key(line, fs, ks, ke);
        if (num || hum) {
            Comparator<String> numCmp = Comparator.comparingDouble(s -> number(key.apply(s), hum));
            byKey = numCmp;
        } else {
            byKey = Comparator.comparing(key);
        }
        // GNU sort falls back to comparing whole lines when keys are equal ("last-resort comparison")
        Comparator<String> cmp = byKey.thenComparing(Comparator.naturalOrder());
        if (reverse) {
            cmp = cmp.reversed();
        }
        final Comparator<String> c = cmp;
        final Comparator<String> keyOnly = byKey;
        return input -> {
            List<String> lines = new ArrayList<>(Stages.lines(input));
            lines.sort(c);
            if (uniq) {
                List<String> out = new ArrayList<>();
                for (String l : lines) {
                    // -u keeps the first of each run of lines with equal keys
                    if (out.isEmpty() || keyOnly.compare(out.getLast(), l) != 0) {
                        out.add(l);
                    }
                }
                lines = out;
            }
            return Stages.join(lines);
        };
    }

    private static String key(String line, String sep, int start, int end) {
        if (start == 0) {
            return line;
        }
        List<String> fields = sep == null ? Arrays.asList(line.strip().split("\\s+")) : Arrays.asList(line.split(Pattern.quote(sep), -1));
        if (start > fields.size()) {
            return "";
        }
        int last = end == 0 ? fields.size() : Math.min(end, fields.size());
        if (last < start) {
            return "";
        }
        return String.join(sep == null ? " " : sep, fields.subList(start - 1, last));
    }

    private static final Pattern NUMBER = Pattern.compile("^\\s*(-?\\d+(?:\\.\\d+)?)\\s*([kKmMgGtTpP]?i?)?");

    /** Leading number of a sort key; with human=true, unit suffixes (K, Mi, G, m for milli-CPU…) scale it. */
    static double number(String s, boolean human) {
        Matcher m = NUMBER.matcher(s);
        if (!m.find()) {
            return 0; // like sort -n: a key without a number sorts as zero
        }
        double v = Double.parseDouble(m.group(1));
        if (!human || m.group(2) == null || m.group(2).isEmpty()) {
            return v;
        }
        String u = m.group(2);
        boolean binary = u.endsWith("i");
        double base = binary ? 1024 : 1000;
        return switch (u.charAt(0)) {
            case 'm' -> binary ? v * Math.pow(1024, 2) : v / 1000; // "m" is milli in Kubernetes quantities, "Mi" mebi
            case 'k', 'K' -> v * base;
            case 'M' -> v * Math.pow(base, 2);
            case 'g', 'G' -> v * Math.pow(base, 3);
            case 't', 'T' -> v * Math.pow(base, 4);
            case 'p', 'P' -> v * Math.pow(base, 5);
            default -> v;
        };
    }
}
