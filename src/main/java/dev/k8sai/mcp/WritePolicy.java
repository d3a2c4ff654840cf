package dev.k8sai.mcp;

import dev.k8sai.tools.Approver;
import dev.k8sai.tools.ChangeGuard;

/**
 * Who may approve a change made through MCP. Writes are refused unless the server was started with
 * --allow-writes; then each one is put to a person — over stdio through MCP elicitation, over HTTP as a
 * pending approval of the server — and refused when nobody can be asked. --read-only wins. The MCP
 * client (often itself a model) never decides: --yes does not apply here.
 */
public record WritePolicy(boolean readOnly, boolean allowWrites) {

    /** The guard of one tool call; {@code approver} asks a person, null when nobody can be asked. */
    public ChangeGuard guard(Approver approver) {
        if (readOnly || !allowWrites || approver == null) {
            return new ChangeGuard(ChangeGuard.Policy.REFUSE_ALL, Approver.DECLINE_ALL);
        }
        return new ChangeGuard(ChangeGuard.Policy.ASK, approver);
    }

    /**
     * Why a change is refused by policy, for the caller (the guard's own message speaks to a model);
     * {@code whyNobodyAsks} is the transport's reason when writes are allowed but nobody can be asked.
     */
    public String refusalReason(String whyNobodyAsks) {
        if (readOnly) {
            return "This MCP server runs with --read-only: no change is made through it.";
        }
        if (!allowWrites) {
            return "Writes are off: the server must be started with --allow-writes (and without --read-only);"
                    + " each change is then confirmed by a person.";
        }
        return whyNobodyAsks == null ? "" : whyNobodyAsks;
    }
}
