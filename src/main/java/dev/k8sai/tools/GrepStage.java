package dev.k8sai.tools;

import java.util.ArrayList;
import java.util.List;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * {@code grep}: the flags models use on kubectl output (-i -v -c -E -F -w -o -n -A -B -C), basic regex translated to
 * extended. Patterns run on RE2/J, a linear-time engine: the model's regex must not be able to hang the run by
 * backtracking ({@code (.*a){25}b}). RE2 has no back-references or lookaround; such a pattern is refused with a line.
 */
final class GrepStage {

    private GrepStage() { }

    static TextStage grep(List<String> args) {
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
                        throw Stages.unsupported("grep", a + " without a number", supported);
                    }
                    v = args.get(++i);
                }
                int n = Stages.parseCount("grep", v);
                switch (ctx.group(1)) {
                    case "A" -> after = n;
                    case "B" -> before = n;
                    default -> after = before = n;
                }
                continue;
            }
            if (a.equals("-e") || a.equals("--regexp")) {
                if (i + 1 >= args.size()) {
                    throw Stages.unsupported("grep", "-e without a pattern", supported);
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
                    default -> throw Stages.unsupported("grep", "option " + a, supported);
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
                        default -> throw Stages.unsupported("grep", "option -" + f, supported);
                    }
                }
            } else {
                operands.add(a);
            }
        }
        if (patterns.isEmpty()) {
            if (operands.isEmpty()) {
                throw Stages.unsupported("grep", "grep without a pattern", supported);
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
                // RE2 has no lookaround: \\b is grep -w for patterns that start and end with word characters
                regexes.add(word ? "\\b(?:" + r + ")\\b" : r);
            }
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(String.join("|", regexes.stream().map(r -> "(?:" + r + ")").toList()),
                    ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
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
            List<String> lines = Stages.lines(input);
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
            return cnt ? matched + "\n" : Stages.join(out);
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
}
