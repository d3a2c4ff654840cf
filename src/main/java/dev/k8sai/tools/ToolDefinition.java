package dev.k8sai.tools;

import dev.k8sai.llm.ToolSpec;

/** A tool as offered to the model; {@code parametersSchema} is a JSON Schema object as JSON text. */
public record ToolDefinition(String name, String description, String parametersSchema) {

    public ToolSpec toSpec() {
        return new ToolSpec(name, description, parametersSchema);
    }
}
