package dev.k8sai.audit;

import dev.k8sai.Mappers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.audit.AuditResult.WorkloadLevel;
import dev.k8sai.report.TextReportRenderer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints an {@link AuditResult} as text, JSON or YAML (SARIF is {@link SarifRenderer}).
 *
 * <p>JSON and YAML are the findings document of shared/spec/findings.md (source, findings, summary,
 * unchanged) with two extra top-level fields: {@code workloads} (each audited workload's Pod
 * Security level and violated controls) and {@code images} (one entry per scanned image, with
 * {@code "status": "scanned"|"failed"}). Notes are not part of the document; the command prints them
 * on stderr.
 *
 * <p>Text is the report package's findings text, then a Pod Security level table and an image
 * summary, so a terminal user sees the same findings as {@code analyze} prints them.
 */
public final class AuditRenderer {

    private static final ObjectMapper JSON = Mappers.JSON;
    /** The same layouts as the report package's renderers. */
    private static final ObjectWriter JSON_WRITER = Mappers.REPORT_JSON;
    private static final YAMLMapper YAML = Mappers.REPORT_YAML;

    private AuditRenderer() {
    }

    /** The findings document plus {@code workloads} and {@code images}. */
    public static ObjectNode toTree(AuditResult result) {
        ObjectNode doc = JSON.valueToTree(result.report());
        ArrayNode workloads = doc.putArray("workloads");
        for (WorkloadLevel w : result.workloads()) {
            workloads.add(JSON.valueToTree(w));
        }
        ArrayNode images = doc.putArray("images");
        for (ImageScan scan : result.images()) {
            ObjectNode node = switch (scan) {
                case ImageScan.Scanned s -> {
                    ObjectNode n = JSON.valueToTree(s);
                    n.put("status", "scanned");
                    yield n;
                }
                case ImageScan.Failed f -> {
                    ObjectNode n = JSON.valueToTree(f);
                    n.put("status", "failed");
                    yield n;
                }
            };
            images.add(node);
        }
        return doc;
    }

    public static String json(AuditResult result) {
        try {
            return JSON_WRITER.writeValueAsString(toTree(result));
        } catch (JsonProcessingException e) {
            throw new AgentException(ExitCodes.INTERNAL, "could not write JSON output", e.getMessage(), e);
        }
    }

    public static String yaml(AuditResult result) {
        try {
            return YAML.writeValueAsString(toTree(result));
        } catch (JsonProcessingException e) {
            throw new AgentException(ExitCodes.INTERNAL, "could not write YAML output", e.getMessage(), e);
        }
    }

    /** Findings (report renderer), then "Pod Security levels" and "Images" sections when there is anything to show. */
    public static void text(AuditResult result, boolean color, PrintWriter out) {
        new TextReportRenderer(color).render(result.report(), out);
        if (!result.workloads().isEmpty()) {
            out.println();
            out.println("Pod Security levels");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAMESPACE", "WORKLOAD", "LEVEL", "VIOLATIONS"});
            for (WorkloadLevel w : result.workloads()) {
                rows.add(new String[] {w.namespace() == null ? "-" : w.namespace(), w.kind() + "/" + w.name(),
                        w.level().wireName(), w.violations().isEmpty() ? "-" : String.join(",", w.violations())});
            }
            table(rows, out);
        }
        if (!result.images().isEmpty()) {
            out.println();
            out.println("Images");
            for (ImageScan scan : result.images()) {
                switch (scan) {
                    case ImageScan.Scanned s -> {
                        out.println("  " + s.image() + ": " + (s.total() == 0 ? "no known vulnerabilities"
                                : s.total() + " vulnerabilities (" + counts(s) + ")"));
                        s.top().forEach(v -> out.println("      " + v.describe()));
                    }
                    case ImageScan.Failed f -> out.println("  " + f.image() + ": not scanned: " + f.reason());
                }
            }
        }
        out.flush();
    }

    private static String counts(ImageScan.Scanned s) {
        List<String> parts = new ArrayList<>();
        s.counts().forEach((severity, n) -> parts.add(n + " " + severity));
        return String.join(", ", parts);
    }

    /** Left-aligned columns, two spaces apart, indented like the findings. */
    private static void table(List<String[]> rows, PrintWriter out) {
        int columns = rows.getFirst().length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
