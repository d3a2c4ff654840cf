package dev.k8sai.llm;

/**
 * A tool offered to the model. {@code parametersSchema} is a JSON Schema object as JSON text
 * ({"type":"object","properties":{…},"required":[…]}).
 */
public record ToolSpec(String name, String description, String parametersSchema) { }
