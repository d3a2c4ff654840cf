package dev.k8sai.tools;

/**
 * The port through which a person approves a change. The {@link ChangeGuard} asks it only when the
 * session's policy says "ask"; the answer comes from the front end (a terminal prompt, a parked web
 * request), never from the model or from cluster data.
 */
@FunctionalInterface
public interface Approver {

    /** True only when a person explicitly approved this exact change. */
    boolean approves(ChangeRequest request);

    /** No one to ask: every change is declined. */
    Approver DECLINE_ALL = request -> false;

    /** Asks through a yes/no question (the CLI's terminal, tests). */
    static Approver asking(Confirmer confirmer) {
        return request -> confirmer.confirm(request.question());
    }
}
