package dev.k8sai.agent;

/**
 * A change the model asked for that was not made: {@code command} is exactly what the person was (or
 * would have been) shown; {@code why} is one of {@link Why}. Front ends show these after the answer, so a
 * model that claims "scaled to 3 replicas" after a refusal cannot mislead anyone.
 */
public record RefusedChange(String command, Why why) {

    public enum Why {
        /** The person answered no, or there was no one to ask (no terminal, no approver). */
        DECLINED,
        /** The session is read-only (--read-only, readOnly in the config, diagnose, a viewer's server run). */
        READ_ONLY,
        /** Never run for the model, not even with --yes (kubectl config, credential flags). */
        NEVER_ALLOWED
    }
}
