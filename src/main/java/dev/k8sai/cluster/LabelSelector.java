package dev.k8sai.cluster;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kubectl {@code -l} selector ({@code a=b,c!=d,e in (x,y),f notin (z),g,!h}) that can also be
 * matched locally. fabric8 only sends selector strings to the server; snapshot files and the
 * post-filtering of findings need the same semantics in-process, hence this small parser.
 */
public record LabelSelector(String text, List<Requirement> requirements) {

    public enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, NOT_EXISTS }

    public record Requirement(String key, Operator operator, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (operator) {
                case EQUALS, IN -> v != null && values.contains(v);
                case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
                case EXISTS -> v != null;
                case NOT_EXISTS -> v == null;
            };
        }
    }

    private static final String KEY = "[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?";
    private static final String VALUE = "([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?";
    private static final Pattern SET = Pattern.compile("(" + KEY + ")\\s+(in|notin)\\s*\\(([^)]*)\\)");
    private static final Pattern EQ = Pattern.compile("(" + KEY + ")\\s*(==|=|!=)\\s*(" + VALUE + ")");
    private static final Pattern EXISTS = Pattern.compile("(!?)\\s*(" + KEY + ")");

    public LabelSelector {
        requirements = List.copyOf(requirements);
    }

    /** Parses a selector; a malformed one is a usage error naming it. */
    public static LabelSelector parse(String text) {
        List<Requirement> result = new ArrayList<>();
        for (String part : splitTopLevel(text)) {
            String s = part.strip();
            Matcher m;
            if ((m = SET.matcher(s)).matches()) {
                Set<String> values = new java.util.LinkedHashSet<>();
                for (String v : m.group(4).split(",")) {
                    if (!v.isBlank()) {
                        values.add(v.strip());
                    }
                }
                result.add(new Requirement(m.group(1), "in".equals(m.group(3)) ? Operator.IN : Operator.NOT_IN, Set.copyOf(values)));
            } else if ((m = EQ.matcher(s)).matches()) {
                result.add(new Requirement(m.group(1), "!=".equals(m.group(3)) ? Operator.NOT_EQUALS : Operator.EQUALS,
                        Set.of(m.group(4))));
            } else if ((m = EXISTS.matcher(s)).matches()) {
                result.add(new Requirement(m.group(2), m.group(1).isEmpty() ? Operator.EXISTS : Operator.NOT_EXISTS, Set.of()));
            } else {
                throw new AgentException(ExitCodes.USAGE, "invalid label selector '" + text + "': cannot parse '" + s + "'");
            }
        }
        if (result.isEmpty()) {
            throw new AgentException(ExitCodes.USAGE, "invalid label selector '" + text + "': empty");
        }
        return new LabelSelector(text.strip(), result);
    }

    public boolean matches(Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        return requirements.stream().allMatch(r -> r.matches(l));
    }

    /** Splits on commas outside parentheses. */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts.stream().filter(p -> !p.isBlank()).toList();
    }

    /**
     * For -l on findings: whether the object a finding is about carries matching labels. Objects not
     * in the snapshot (e.g. a referenced, missing one) are kept.
     */
    public boolean admits(ClusterSnapshot snapshot, String kind, String namespace, String name) {
        return snapshot.find(kind, namespace, name).map(o -> matches(o.getMetadata().getLabels())).orElse(true);
    }
}
