package dev.k8sai.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.k8sai.Mappers;
import java.io.PrintWriter;

/**
 * The findings document of shared/spec/findings.md as JSON or YAML: field order and nulls come from
 * the annotations on {@link FindingsReport} and {@link Finding}; {@code "key": value} spacing as in the
 * spec; the YAML form has the same fields, order and nulls as the JSON one.
 */
public record StructuredReportRenderer(ObjectWriter writer) implements ReportRenderer {

    public static final StructuredReportRenderer JSON = new StructuredReportRenderer(Mappers.REPORT_JSON);
    public static final StructuredReportRenderer YAML = new StructuredReportRenderer(Mappers.REPORT_YAML.writer());

    @Override
    public void render(FindingsReport report, PrintWriter out) {
        out.println(text(report).stripTrailing());
        out.flush();
    }

    public String text(FindingsReport report) {
        try {
            return writer.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize findings", e);
        }
    }
}
