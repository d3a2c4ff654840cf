package dev.k8sai.llm;

/** A tool call requested by the model; {@code argumentsJson} is the raw JSON object text. */
public record ToolCall(String id, String name, String argumentsJson) { }
