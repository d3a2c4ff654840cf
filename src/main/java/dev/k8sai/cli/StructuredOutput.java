package dev.k8sai.cli;

import dev.k8sai.AgentException;
import dev.k8sai.ErrorCategory;
import dev.k8sai.Mappers;
import java.io.IOException;
import java.io.PrintWriter;

/** -o json / -o yaml of a result record: the record's JSON is the contract, YAML the same tree. */
final class StructuredOutput {

    private StructuredOutput() {
    }

    static void print(Object value, GlobalOptions.OutputFormat format, PrintWriter out) {
        try {
            String text = format == GlobalOptions.OutputFormat.yaml
                    ? Mappers.YAML.writeValueAsString(value)
                    : Mappers.JSON_PRETTY.writeValueAsString(value);
            out.println(text.stripTrailing());
        } catch (IOException e) {
            throw new AgentException(ErrorCategory.INTERNAL, "cannot render the result: " + e.getMessage());
        }
        out.flush();
    }
}
