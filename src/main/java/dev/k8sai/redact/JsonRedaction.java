package dev.k8sai.redact;

import com.fasterxml.jackson.databind.JsonNode;

/** A redacted deep copy of a JSON tree and how many secrets were replaced. */
public record JsonRedaction(JsonNode json, int count) {
}
