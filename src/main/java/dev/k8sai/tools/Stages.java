package dev.k8sai.tools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Builds the in-process pipeline stages from their argv. Each supports only the common flags models
 * use on kubectl output; an unsupported flag is rejected up front (before kubectl runs) with a list of
 * what is supported, instead of being guessed at.
 *
 * <p>These are small re-implementations rather than calls to the real coreutils because the
 * pipeline must run without a shell and without spawning further programs chosen by the model.
 */
public final class Stages {

    private Stages() { }

    public static TextStage create(List<String> argv) {
        String name = argv.getFirst();
        List<String> args = argv.subList(1, argv.size());
        return switch (name) {
            case "jq" -> JqStage.fromArgs(args);
            case "grep" -> grep(args);
            case "wc" -> wc(args);
            case "head" -> head(args);
            case "tail" -> tail(args);
            case "sort" -> sort(args);
            case "uniq" -> uniq(args);
            case "cut" -> cut(args);
            case "awk" -> AwkStage.fromArgs(args);
            case "tr" -> tr(args);
            case "column" -> column(args);
            default -> throw new CommandRejectedException("'" + name + "' is not available as a pipeline stage. " + CommandLineParser.SUPPORTED);
        };
    }

    static CommandRejectedException unsupported(String stage, String what, String supported) {
        return new CommandRejectedException(stage + ": " + what + " is not supported here. Supported: " + supported + ".");
    }

    static List<String> lines(String input) {
        if (input.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(Arrays.asList(input.split("\n", -1)));
        if (out.getLast().isEmpty()) {
            out.removeLast(); // trailing newline ends the last line, it does not start a new one
        }
        return out;
    }

    static String join(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    static int parseCount(String stage, String s) {
        try {
            int v = Integer.parseInt(s);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CommandRejectedException(stage + ": '" + s + "' is not a valid count.");
        }
    }

    // ---------------------------------------------------------------- grep

    private static TextStage grep(List<String> args) {
        String supported = "grep [-i] [-v] [-c] [-E] [-F] [-w] [-o] [-n] [-A N] [-B N] [-C N] [-e] PATTERN";
        boolean ignoreCase = false, invert = false, count = false, extended = false, fixed = false, word = false, only = false, number = false;
        int after = 0, before = 0;
        List<String> patterns = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                operands.addAll(args.subList(i + 1, args.size()));
                break;
            }
            Matcher ctx = Pattern.compile("-([ABC])(\\d*)").matcher(a);
            if (ctx.matches()) {
                String v = ctx.group(2);
                if (v.isEmpty()) {
                    if (i + 1 >= args.size()) {
                        throw unsupported("grep", a + " without a number", supported);
                    }
                    v = args.get(++i);
                }
                int n = parseCount("grep", v);
                switch (ctx.group(1)) {
                    case "A" -> after = n;
                    case "B" -> before = n;
                    default -> after = before = n;
                }
                continue;
            }
            if (a.equals("-e") || a.equals("--regexp")) {
                if (i + 1 >= args.size()) {
                    throw unsupported("grep", "-e without a pattern", supported);
                }
                patterns.add(args.get(++i));
            } else if (a.startsWith("--")) {
                switch (a) {
                    case "--ignore-case" -> ignoreCase = true;
                    case "--invert-match" -> invert = true;
                    case "--count" -> count = true;
                    case "--extended-regexp" -> extended = true;
                    case "--fixed-strings" -> fixed = true;
                    case "--word-regexp" -> word = true;
                    case "--only-matching" -> only = true;
                    case "--line-number" -> number = true;
                    default -> throw unsupported("grep", "option " + a, supported);
                }
            } else if (a.startsWith("-") && a.length() > 1) {
                for (char f : a.substring(1).toCharArray()) {
                    switch (f) {
                        case 'i' -> ignoreCase = true;
                        case 'v' -> invert = true;
                        case 'c' -> count = true;
                        case 'E' -> extended = true;
                        case 'F' -> fixed = true;
                        case 'w' -> word = true;
                        case 'o' -> only = true;
                        case 'n' -> number = true;
                        default -> throw unsupported("grep", "option -" + f, supported);
                    }
                }
            } else {
                operands.add(a);
            }
        }
        if (patterns.isEmpty()) {
            if (operands.isEmpty()) {
                throw unsupported("grep", "grep without a pattern", supported);
            }
            patterns.add(operands.removeFirst());
        }
        if (!operands.isEmpty()) {
            throw new CommandRejectedException("grep: file arguments (" + operands + ") are not supported; grep reads the previous stage's output.");
        }
        List<String> regexes = new ArrayList<>();
        for (String p : patterns) {
            // grep treats a newline in the pattern as several patterns
            for (String part : p.split("\n", -1)) {
                String r = fixed ? Pattern.quote(part) : extended ? part : basicToJava(part);
                regexes.add(word ? "(?<![\\w])(?:" + r + ")(?![\\w])" : r);
            }
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(String.join("|", regexes.stream().map(r -> "(?:" + r + ")").toList()),
                    ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (PatternSyntaxException e) {
            throw new CommandRejectedException("grep: invalid pattern: " + e.getDescription());
        }
        final boolean inv = invert, cnt = count, onlyM = only, num = number;
        final int ctxAfter = after, ctxBefore = before;
        return input -> {
            List<String> out = new ArrayList<>();
            int matched = 0;
            int lastPrinted = -1; // index of the last line printed, for context and "--" separators
            int afterLeft = 0;
            List<String> lines = lines(input);
            for (int ln = 0; ln < lines.size(); ln++) {
                String line = lines.get(ln);
                Matcher m = pattern.matcher(line);
                boolean found = m.find();
                if (found == inv) {
                    if (afterLeft > 0 && !cnt) {
                        out.add((num ? (ln + 1) + "-" : "") + line);
                        lastPrinted = ln;
                        afterLeft--;
                    }
                    continue;
                }
                matched++;
                if (cnt) {
                    continue;
                }
                if (ctxAfter > 0 || ctxBefore > 0) {
                    int from = Math.max(lastPrinted + 1, ln - ctxBefore);
                    if (lastPrinted >= 0 && from > lastPrinted + 1) {
                        out.add("--"); // GNU grep separates non-adjacent context groups
                    }
                    for (int b = from; b < ln; b++) {
                        out.add((num ? (b + 1) + "-" : "") + lines.get(b));
                    }
                    afterLeft = ctxAfter;
                }
                String prefix = num ? (ln + 1) + ":" : "";
                if (onlyM && !inv) {
                    do {
                        if (!m.group().isEmpty()) {
                            out.add(prefix + m.group());
                        }
                    } while (m.find());
                } else {
                    out.add(prefix + line);
                }
                lastPrinted = ln;
            }
            return cnt ? matched + "\n" : join(out);
        };
    }

    /** POSIX basic regular expression → Java: in BRE, \+ \? \| \( \) \{ \} are operators and the bare characters are literals. */
    static String basicToJava(String bre) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bre.length(); i++) {
            char c = bre.charAt(i);
            if (c == '\\' && i + 1 < bre.length()) {
                char n = bre.charAt(++i);
                if ("+?|(){}".indexOf(n) >= 0) {
                    sb.append(n);
                } else {
                    sb.append('\\').append(n);
                }
            } else if ("+?|(){}".indexOf(c) >= 0) {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- wc

    private static TextStage wc(List<String> args) {
        boolean l = false, w = false, c = false;
        for (String a : args) {
            switch (a) {
                case "-l", "--lines" -> l = true;
                case "-w", "--words" -> w = true;
                case "-c", "-m", "--bytes", "--chars" -> c = true;
                default -> {
                    if (a.matches("-[lwcm]+")) {
                        l |= a.indexOf('l') > 0;
                        w |= a.indexOf('w') > 0;
                        c |= a.indexOf('c') > 0 || a.indexOf('m') > 0;
                    } else {
                        throw unsupported("wc", "argument " + a, "wc [-l] [-w] [-c]");
                    }
                }
            }
        }
        if (!l && !w && !c) {
            l = w = c = true;
        }
        final boolean fl = l, fw = w, fc = c;
        return input -> {
            List<String> parts = new ArrayList<>();
            if (fl) {
                parts.add(String.valueOf(input.chars().filter(ch -> ch == '\n').count()));
            }
            if (fw) {
                parts.add(String.valueOf(input.isBlank() ? 0 : input.strip().split("\\s+").length));
            }
            if (fc) {
                parts.add(String.valueOf(input.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
            }
            return String.join(" ", parts) + "\n";
        };
    }

    // ---------------------------------------------------------------- head / tail

    private static TextStage head(List<String> args) {
        int n = lineCount("head", args);
        return input -> {
            List<String> lines = lines(input);
            return join(lines.subList(0, Math.min(n, lines.size())));
        };
    }

    private static TextStage tail(List<String> args) {
        if (args.size() == 2 && args.get(0).equals("-n") && args.get(1).startsWith("+")) {
            int from = parseCount("tail", args.get(1).substring(1));
            return input -> {
                List<String> lines = lines(input);
                int start = Math.max(0, from - 1);
                return join(start >= lines.size() ? List.of() : lines.subList(start, lines.size()));
            };
        }
        int n = lineCount("tail", args);
        return input -> {
            List<String> lines = lines(input);
            return join(lines.subList(Math.max(0, lines.size() - n), lines.size()));
        };
    }

    private static int lineCount(String stage, List<String> args) {
        String supported = stage + " -n N | " + stage + " -N" + (stage.equals("tail") ? " | tail -n +N" : "");
        if (args.isEmpty()) {
            return 10;
        }
        if (args.size() == 1) {
            String a = args.getFirst();
            if (a.matches("-\\d+")) {
                return parseCount(stage, a.substring(1));
            }
            if (a.matches("-n\\d+")) {
                return parseCount(stage, a.substring(2));
            }
            if (a.matches("--lines=\\d+")) {
                return parseCount(stage, a.substring(8));
            }
        }
        if (args.size() == 2 && (args.get(0).equals("-n") || args.get(0).equals("--lines"))) {
            return parseCount(stage, args.get(1));
        }
        throw unsupported(stage, "argument(s) " + args, supported);
    }

    // ---------------------------------------------------------------- sort

    private static TextStage sort(List<String> args) {
        String supported = "sort [-r] [-n] [-h] [-u] [-k N[,M]] [-t SEP]";
        boolean reverse = false, numeric = false, human = false, unique = false;
        int keyStart = 0, keyEnd = 0;
        String sep = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-k") || a.equals("-t")) {
                if (i + 1 >= args.size()) {
                    throw unsupported("sort", a + " without a value", supported);
                }
                String v = args.get(++i);
                a = a + v;
            }
            if (a.startsWith("-k")) {
                Matcher m = Pattern.compile("(\\d+)(?:,(\\d+))?([nrh]*)").matcher(a.substring(2));
                if (!m.matches()) {
                    throw unsupported("sort", "key " + a, supported);
                }
                keyStart = Integer.parseInt(m.group(1));
                keyEnd = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                numeric |= m.group(3).contains("n");
                reverse |= m.group(3).contains("r");
                human |= m.group(3).contains("h");
            } else if (a.startsWith("-t")) {
                sep = a.substring(2);
                if (sep.length() != 1) {
                    throw unsupported("sort", "separator '" + sep + "' (must be one character)", supported);
                }
            } else if (a.matches("-[rnuh]+")) {
                reverse |= a.contains("r");
                numeric |= a.contains("n");
                unique |= a.contains("u");
                human |= a.contains("h");
            } else {
                throw unsupported("sort", "argument " + a, supported);
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
            List<String> lines = new ArrayList<>(lines(input));
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
            return join(lines);
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

    // ---------------------------------------------------------------- uniq

    private static TextStage uniq(List<String> args) {
        boolean count = false;
        for (String a : args) {
            if (a.equals("-c") || a.equals("--count")) {
                count = true;
            } else {
                throw unsupported("uniq", "argument " + a, "uniq [-c]");
            }
        }
        final boolean c = count;
        return input -> {
            List<String> out = new ArrayList<>();
            String prev = null;
            int n = 0;
            for (String l : lines(input)) {
                if (l.equals(prev)) {
                    n++;
                    continue;
                }
                if (prev != null) {
                    out.add(c ? String.format("%7d %s", n, prev) : prev);
                }
                prev = l;
                n = 1;
            }
            if (prev != null) {
                out.add(c ? String.format("%7d %s", n, prev) : prev);
            }
            return join(out);
        };
    }

    // ---------------------------------------------------------------- cut

    private static TextStage cut(List<String> args) {
        String supported = "cut -d SEP -f LIST (LIST like 1 or 1,3 or 2-4 or 3-)";
        String delim = "\t";
        String list = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("-d") || a.equals("-f")) && i + 1 < args.size()) {
                a = a + args.get(++i);
            }
            if (a.startsWith("-d")) {
                delim = a.substring(2);
                if (delim.length() != 1) {
                    throw unsupported("cut", "delimiter '" + delim + "' (must be one character)", supported);
                }
            } else if (a.startsWith("-f")) {
                list = a.substring(2);
            } else {
                throw unsupported("cut", "argument " + a, supported);
            }
        }
        if (list == null || !list.matches("(\\d*-?\\d*)(,\\d*-?\\d*)*") || list.isEmpty()) {
            throw unsupported("cut", "field list " + list, supported);
        }
        List<int[]> ranges = new ArrayList<>();
        for (String r : list.split(",")) {
            if (r.contains("-")) {
                String[] p = r.split("-", -1);
                ranges.add(new int[] {p[0].isEmpty() ? 1 : Integer.parseInt(p[0]), p[1].isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(p[1])});
            } else {
                int f = Integer.parseInt(r);
                ranges.add(new int[] {f, f});
            }
        }
        final String d = delim;
        return input -> {
            List<String> out = new ArrayList<>();
            for (String l : lines(input)) {
                if (!l.contains(d)) {
                    out.add(l); // cut prints lines without the delimiter unchanged
                    continue;
                }
                String[] fields = l.split(Pattern.quote(d), -1);
                List<String> kept = new ArrayList<>();
                for (int f = 1; f <= fields.length; f++) {
                    final int ff = f;
                    if (ranges.stream().anyMatch(r -> ff >= r[0] && ff <= r[1])) {
                        kept.add(fields[f - 1]);
                    }
                }
                out.add(String.join(d, kept));
            }
            return join(out);
        };
    }

    // ---------------------------------------------------------------- tr

    private static TextStage tr(List<String> args) {
        String supported = "tr SET1 SET2 | tr -d SET | tr -s SET (ranges like a-z, classes like [:upper:], escapes \\n \\t)";
        boolean delete = false, squeeze = false;
        List<String> sets = new ArrayList<>();
        for (String a : args) {
            if (a.matches("-[ds]+")) {
                delete |= a.contains("d");
                squeeze |= a.contains("s");
            } else if (a.startsWith("-") && a.length() > 1) {
                throw unsupported("tr", "option " + a, supported);
            } else {
                sets.add(a);
            }
        }
        if (delete && sets.size() != 1 || !delete && !squeeze && sets.size() != 2 || squeeze && !delete && (sets.isEmpty() || sets.size() > 2)) {
            throw unsupported("tr", "arguments " + args, supported);
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

    // ---------------------------------------------------------------- column

    private static TextStage column(List<String> args) {
        String supported = "column -t [-s SEP]";
        boolean table = false;
        String sep = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-t")) {
                table = true;
            } else if (a.equals("-s") && i + 1 < args.size()) {
                sep = args.get(++i);
            } else if (a.startsWith("-s") && a.length() > 2) {
                sep = a.substring(2);
            } else if (a.matches("-ts.+")) {
                table = true;
                sep = a.substring(3);
            } else {
                throw unsupported("column", "argument " + a, supported);
            }
        }
        if (!table) {
            throw unsupported("column", "column without -t", supported);
        }
        final String fs = sep;
        return input -> {
            List<String[]> rows = new ArrayList<>();
            for (String l : lines(input)) {
                if (l.isBlank()) {
                    continue; // column -t drops empty lines
                }
                rows.add(fs == null ? l.strip().split("\\s+") : l.split("[" + Pattern.quote(fs) + "]+"));
            }
            return join(alignColumns(rows));
        };
    }

    static List<String> alignColumns(List<String[]> rows) {
        int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                sb.append(r[i]);
                if (i < r.length - 1) {
                    sb.append(" ".repeat(width[i] - r[i].length() + 2));
                }
            }
            out.add(sb.toString());
        }
        return out;
    }
}
