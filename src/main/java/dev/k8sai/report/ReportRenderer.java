package dev.k8sai.report;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints a {@link FindingsReport} in one output format. analyze uses text, json and yaml; audit adds
 * its own (SARIF) by implementing this interface.
 */
public interface ReportRenderer {

    void render(FindingsReport report, PrintWriter out);

    /**
     * The renderer for {@code -o text|json|yaml} (null means text). {@code color} only affects text.
     * Any other format is a usage error naming the valid ones.
     */
    static ReportRenderer forFormat(String format, boolean color) {
        String f = format == null ? "text" : format.toLowerCase(Locale.ROOT);
        return switch (f) {
            case "text" -> new TextReportRenderer(color);
            case "json" -> StructuredReportRenderer.JSON;
            case "yaml" -> StructuredReportRenderer.YAML;
            default -> throw new AgentException(ExitCodes.USAGE, "output format '" + format
                    + "' is not available here; use text, json or yaml");
        };
    }
}
