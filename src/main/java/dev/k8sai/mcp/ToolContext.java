package dev.k8sai.mcp;

import dev.k8sai.app.ToolCalls;
import dev.k8sai.tools.ChangeGuard;

/**
 * What one tool call gets from its transport: the session's cluster tools (its target, identity and
 * secret ledger), the guard that decides about changes in this call, why changes are refused when
 * the guard refuses them all by policy (said to the caller in front of the guard's own message), and
 * the model tokens the caller may spend.
 */
public record ToolContext(ToolCalls calls, ChangeGuard guard, String refusalReason, TokenBudget budget) {
}
