package dev.k8sai.server.runs;

/**
 * One event of a run's stream (the SSE {@code id}, {@code event} and JSON {@code data}). Types: step,
 * tool, observation, approval-requested, approval-decided, answer, report, usage, error, done.
 */
public record RunEvent(int seq, String type, Object data) {
}
