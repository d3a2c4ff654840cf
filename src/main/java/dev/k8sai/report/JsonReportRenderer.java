package dev.k8sai.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.PrintWriter;

/**
 * The findings document of shared/spec/findings.md, pretty-printed: field order and nulls come from
 * the annotations on {@link FindingsReport} and {@link Finding}; {@code "key": value} spacing as in the spec.
 */
public final class JsonReportRenderer implements ReportRenderer {

    private static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));

    @Override
    public void render(FindingsReport report, PrintWriter out) {
        out.println(toJson(report));
        out.flush();
    }

    public static String toJson(FindingsReport report) {
        try {
            return WRITER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize findings", e);
        }
    }
}
