package dev.k8sai.tools;


/**
 * What the model sees after a tool call: already compacted and redacted.
 *
 * @param truncated part of the output was left out (size limits or compaction)
 * @param refused   the command was not run (parser rules, read-only policy, user said no, tool disabled)
 * @param error     the command ran but failed (kubectl exit code, jq error, timeout)
 */
public record Observation(String callId, String toolName, String text, boolean truncated, boolean refused, boolean error) {

}
