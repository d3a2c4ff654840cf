package dev.k8sai.tools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

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
            case "grep" -> GrepStage.grep(args);
            case "wc" -> wc(args);
            case "head" -> head(args);
            case "tail" -> tail(args);
            case "sort" -> SortStage.sort(args);
            case "uniq" -> uniq(args);
            case "cut" -> cut(args);
            case "awk" -> AwkStage.fromArgs(args);
            case "tr" -> TrStage.tr(args);
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
