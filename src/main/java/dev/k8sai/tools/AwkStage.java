package dev.k8sai.tools;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import com.google.re2j.PatternSyntaxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small subset of awk that models use on kubectl tables: an optional pattern and an optional
 * {@code {print ...}} action. Patterns: NR>N (also >=, <, <=, ==, !=), /regex/, $N ~ /regex/,
 * $N !~ /regex/, $N == "text", $N != "text". Print items: $N, $NF, $0, NR, NF, "text"; items separated
 * by commas are joined with a space, juxtaposed items are concatenated. Field separator: -F SEP.
 * Anything else is refused rather than misinterpreted — a full awk would be a programming language.
 */
final class AwkStage implements TextStage {

    static final String SUPPORTED = "awk [-F SEP] '[PATTERN] {print ITEMS}' where PATTERN is NR>N, /regex/, $N ~ /regex/ or $N == \"text\" and ITEMS are $N, $NF, $0, NR, NF or \"text\"";

    private final String fieldSep;
    /** awk: a one-character FS is literal, a longer one is a regular expression (RE2/J too). */
    private final com.google.re2j.Pattern separator;
    private final Predicate<Record> pattern;
    private final List<List<String>> items; // null = print the whole line

    private record Record(int nr, String line, List<String> fields) {
        String field(int i) {
            if (i == 0) {
                return line;
            }
            return i <= fields.size() ? fields.get(i - 1) : "";
        }
    }

    private AwkStage(String fieldSep, Predicate<Record> pattern, List<List<String>> items) {
        this.fieldSep = fieldSep;
        this.separator = fieldSep == null || fieldSep.equals(" ") ? null
                : fieldSep.length() == 1 ? com.google.re2j.Pattern.compile(com.google.re2j.Pattern.quote(fieldSep)) : regex(fieldSep);
        this.pattern = pattern;
        this.items = items;
    }

    static AwkStage fromArgs(List<String> args) {
        String fs = null;
        String program = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-F") && i + 1 < args.size()) {
                fs = args.get(++i);
            } else if (a.startsWith("-F") && a.length() > 2) {
                fs = a.substring(2);
            } else if (program == null && !a.startsWith("-")) {
                program = a;
            } else {
                throw reject("argument " + a);
            }
        }
        if (program == null) {
            throw reject("awk without a program");
        }
        String p = program.strip();
        String patternText = p;
        String action = null;
        int brace = p.indexOf('{');
        if (brace >= 0) {
            if (!p.endsWith("}")) {
                throw reject("program " + program);
            }
            patternText = p.substring(0, brace).strip();
            action = p.substring(brace + 1, p.length() - 1).strip();
        }
        Predicate<Record> pattern = patternText.isEmpty() ? r -> true : parsePattern(patternText, program);
        List<List<String>> items = action == null ? null : parseAction(action, program);
        if (fs != null) {
            fs = fs.replace("\\t", "\t");
        }
        return new AwkStage(fs, pattern, items);
    }

    private static final Pattern NR_CMP = Pattern.compile("NR\\s*(>=|<=|==|!=|>|<)\\s*(\\d+)");
    private static final Pattern FIELD_MATCH = Pattern.compile("\\$(\\d+|NF)\\s*(!?~)\\s*/(.*)/");
    private static final Pattern FIELD_EQ = Pattern.compile("\\$(\\d+|NF)\\s*(==|!=)\\s*\"([^\"]*)\"");

    private static Predicate<Record> parsePattern(String text, String program) {
        Matcher m = NR_CMP.matcher(text);
        if (m.matches()) {
            int v = Integer.parseInt(m.group(2));
            return switch (m.group(1)) {
                case ">" -> r -> r.nr > v;
                case ">=" -> r -> r.nr >= v;
                case "<" -> r -> r.nr < v;
                case "<=" -> r -> r.nr <= v;
                case "==" -> r -> r.nr == v;
                default -> r -> r.nr != v;
            };
        }
        if (text.length() >= 2 && text.startsWith("/") && text.endsWith("/")) {
            com.google.re2j.Pattern re = regex(text.substring(1, text.length() - 1));
            return r -> re.matcher(r.line).find();
        }
        m = FIELD_MATCH.matcher(text);
        if (m.matches()) {
            String f = m.group(1);
            boolean negate = m.group(2).startsWith("!");
            com.google.re2j.Pattern re = regex(m.group(3));
            return r -> re.matcher(fieldOf(r, f)).find() != negate;
        }
        m = FIELD_EQ.matcher(text);
        if (m.matches()) {
            String f = m.group(1);
            boolean negate = m.group(2).equals("!=");
            String value = m.group(3);
            return r -> fieldOf(r, f).equals(value) != negate;
        }
        throw reject("pattern '" + text + "' in " + program);
    }

    private static String fieldOf(Record r, String f) {
        return f.equals("NF") ? r.field(r.fields.size()) : r.field(Integer.parseInt(f));
    }

    /** The model's regexes run on RE2/J (linear time), never on backtracking java.util.regex. */
    private static com.google.re2j.Pattern regex(String re) {
        try {
            return com.google.re2j.Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            throw new CommandRejectedException("awk: invalid regular expression /" + re + "/: " + e.getDescription());
        }
    }

    private static final Pattern ITEM = Pattern.compile("\\$(\\d+|NF)|NR|NF|\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Returns comma-separated groups of juxtaposed items, or null for a bare "print". */
    private static List<List<String>> parseAction(String action, String program) {
        if (action.equals("print") || action.equals("print $0") || action.isEmpty()) {
            return null;
        }
        if (!action.startsWith("print ")) {
            throw reject("action '{" + action + "}' in " + program);
        }
        String body = action.substring(6).strip();
        if (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1).strip();
        }
        List<List<String>> groups = new ArrayList<>();
        List<String> group = new ArrayList<>();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (c == ',') {
                if (group.isEmpty()) {
                    throw reject("print list '" + body + "' in " + program);
                }
                groups.add(group);
                group = new ArrayList<>();
                i++;
                continue;
            }
            Matcher m = ITEM.matcher(body).region(i, body.length());
            if (!m.lookingAt()) {
                throw reject("print item at '" + body.substring(i) + "' in " + program);
            }
            group.add(m.group());
            i = m.end();
        }
        if (group.isEmpty()) {
            throw reject("print list '" + body + "' in " + program);
        }
        groups.add(group);
        return groups;
    }

    private static CommandRejectedException reject(String what) {
        return Stages.unsupported("awk", what, SUPPORTED);
    }

    @Override
    public String apply(String input) {
        List<String> out = new ArrayList<>();
        int nr = 0;
        for (String line : Stages.lines(input)) {
            nr++;
            Record r = new Record(nr, line, split(line));
            if (!pattern.test(r)) {
                continue;
            }
            if (items == null) {
                out.add(line);
                continue;
            }
            List<String> parts = new ArrayList<>();
            for (List<String> group : items) {
                StringBuilder sb = new StringBuilder();
                for (String item : group) {
                    sb.append(value(r, item));
                }
                parts.add(sb.toString());
            }
            out.add(String.join(" ", parts));
        }
        return Stages.join(out);
    }

    private List<String> split(String line) {
        if (fieldSep == null || fieldSep.equals(" ")) {
            String s = line.strip();
            return s.isEmpty() ? List.of() : Arrays.asList(s.split("[ \\t]+"));
        }
        return Arrays.asList(separator.split(line, -1));
    }

    private static String value(Record r, String item) {
        if (item.equals("NR")) {
            return String.valueOf(r.nr);
        }
        if (item.equals("NF")) {
            return String.valueOf(r.fields.size());
        }
        if (item.startsWith("$")) {
            return fieldOf(r, item.substring(1));
        }
        return item.substring(1, item.length() - 1).replace("\\t", "\t").replace("\\n", "\n").replace("\\\"", "\"");
    }
}
