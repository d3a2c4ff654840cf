package dev.k8sai.report;

import dev.k8sai.kubectl.ShownArgv;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Human output: findings grouped by cluster (only when several were analysed), namespace, then by object, worst first (the report is already
 * sorted by severity, and groups keep the order of their first finding); evidence and explanations
 * indented under their finding; a one-line summary last. Colour marks the severity only, and only
 * when enabled.
 */
public final class TextReportRenderer implements ReportRenderer {

    private static final String RESET = "\u001b[0m";
    private final boolean color;

    public TextReportRenderer(boolean color) {
        this.color = color;
    }

    @Override
    public void render(FindingsReport report, PrintWriter out) {
        // cluster (only with several clusters) > namespace > object, each in order of its first finding
        Map<String, Map<String, Map<String, List<Finding>>>> groups = new LinkedHashMap<>();
        for (Finding f : report.findings()) {
            groups.computeIfAbsent(f.cluster() == null ? "" : f.cluster(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(f.namespace() == null ? "" : f.namespace(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(f.kind() + "/" + f.name(), k -> new ArrayList<>()).add(f);
        }
        groups.forEach((cluster, namespaces) -> {
            String indent = cluster.isEmpty() ? "" : "  ";
            if (!cluster.isEmpty()) {
                out.println("Cluster " + cluster);
            }
            namespaces.forEach((ns, objects) -> {
                out.println(indent + (ns.isEmpty() ? "Cluster-scoped" : "Namespace " + shown(ns)));
                objects.forEach((object, findings) -> render(indent, object, findings, out));
                out.println();
            });
        });
        out.println(summary(report));
        notChecked(report).forEach(out::println);
        out.flush();
    }

    private void render(String indent, String object, List<Finding> findings, PrintWriter out) {
        String parent = findings.getFirst().parent();
        out.println(indent + "  " + shown(object) + (parent == null ? "" : "  (" + shown(parent) + ")"));
        for (Finding f : findings) {
            out.println(indent + "    " + severity(f.severity()) + " " + shown(f.reason()) + ": " + shown(f.message()));
            for (String e : f.evidence()) {
                out.println(indent + "        " + shown(e));
            }
            for (Finding.Related r : f.related()) {
                out.println(indent + "        related " + shown(r.reason()) + ": " + shown(r.message()));
            }
            if (f.explanation() != null && !f.explanation().isBlank()) {
                f.explanation().strip().lines().forEach(l -> out.println(indent + "        | " + shown(l)));
            }
        }
    }

    /**
     * One line per kind and cause of references no check could judge, e.g. "not checked: 12 Secret
     * references in 3 namespaces (not in the snapshot)", so silence is not mistaken for health.
     */
    public static List<String> notChecked(FindingsReport report) {
        Map<String, int[]> totals = new TreeMap<>();
        Map<String, Set<String>> namespaces = new TreeMap<>();
        for (FindingsReport.NotChecked n : report.summary().notChecked()) {
            String key = n.kind() + "\u0000" + n.why();
            totals.computeIfAbsent(key, k -> new int[1])[0] += n.references();
            namespaces.computeIfAbsent(key, k -> new TreeSet<>()).add(n.namespace() == null ? "" : n.namespace());
        }
        List<String> lines = new ArrayList<>();
        totals.forEach((key, total) -> {
            String[] kindWhy = key.split("\u0000", 2);
            Set<String> ns = namespaces.get(key);
            ns.remove("");
            String where = ns.isEmpty() ? "" : ns.size() == 1 ? " in namespace " + ns.iterator().next()
                    : " in " + ns.size() + " namespaces";
            lines.add("not checked: " + total[0] + " " + kindWhy[0] + " reference" + (total[0] == 1 ? "" : "s")
                    + where + " (" + kindWhy[1] + ")");
        });
        return lines;
    }

    /** "3 critical, 1 warning, 0 info", or "No problems found". */
    public static String summary(FindingsReport report) {
        FindingsReport.Summary s = report.summary();
        if (s.critical() + s.warning() + s.info() == 0) {
            return "No problems found";
        }
        return s.critical() + " critical, " + s.warning() + " warning, " + s.info() + " info";
    }

    private String severity(Severity s) {
        String label = switch (s) {
            case CRITICAL -> "CRITICAL";
            case WARNING -> "WARNING ";
            case INFO -> "INFO    ";
        };
        if (!color) {
            return label;
        }
        String code = switch (s) {
            case CRITICAL -> "\u001b[1;31m";
            case WARNING -> "\u001b[33m";
            case INFO -> "\u001b[36m";
        };
        return code + label + RESET;
    }

    /**
     * Cluster text (names, messages, evidence) and the model's explanation, with control and format
     * characters escaped: an ESC in an event message or an explanation must not drive the terminal.
     */
    private static String shown(String text) {
        return ShownArgv.visible(text, false);
    }
}
