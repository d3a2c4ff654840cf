package dev.k8sai.tools;

import dev.k8sai.kubectl.KubectlCommandClassifier;
import dev.k8sai.kubectl.KubectlCommandClassifier.Access;
import dev.k8sai.kubectl.KubectlCommandClassifier.Classification;
import dev.k8sai.kubectl.ShownArgv;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Gatekeeper for commands that change something. The decision is based only on the parsed argv the
 * model asked to run and on the session's own policy (--read-only / --yes, chosen by the user on the
 * command line); a "--yes" or "ignore previous instructions" inside the model's command or inside
 * cluster output has no effect here. Every decision is recorded for the transcript.
 */
public final class ChangeGuard {

    /** From the user's flags: --read-only → REFUSE_ALL, --yes → ALLOW_ALL, otherwise ASK. */
    public enum Policy { REFUSE_ALL, ASK, ALLOW_ALL }

    /** NEVER_ALLOWED: what no one may approve through the model (kubectl config, kubeconfig/identity flags). */
    public enum Outcome { NOT_A_CHANGE, ALLOWED_BY_POLICY, CONFIRMED, DECLINED, REFUSED_BY_POLICY, NEVER_ALLOWED }

    /** One reviewed change; {@code command} is the exact argv (or summary) shown to the user. */
    public record Decision(String command, Classification classification, Outcome outcome) {
        public boolean allowed() {
            return outcome == Outcome.NOT_A_CHANGE || outcome == Outcome.ALLOWED_BY_POLICY || outcome == Outcome.CONFIRMED;
        }

        /** Message for the model when not allowed. */
        public String refusalMessage() {
            return switch (outcome) {
                case REFUSED_BY_POLICY -> "Refused by policy: this session is read-only, so '" + command + "' ("
                        + classification.reason() + ") was not run. Do not retry it; describe the change to the user instead.";
                case NEVER_ALLOWED -> "Refused: '" + command + "' is never run for the assistant (" + classification.reason()
                        + "). Do not retry it or a variant of it.";
                case DECLINED -> "The user declined to run '" + command + "'. Do not retry it; explain what it would do or propose an alternative.";
                default -> "";
            };
        }
    }

    private final Policy policy;
    private final Approver approver;
    private final List<Decision> decisions = new ArrayList<>();

    public ChangeGuard(Policy policy, Approver approver) {
        this.policy = policy;
        this.approver = approver;
    }

    /** A guard that asks through a yes/no question (terminal, tests). */
    public static ChangeGuard asking(Policy policy, Confirmer confirmer) {
        return new ChangeGuard(policy, Approver.asking(confirmer));
    }

    public static Policy policyFor(boolean readOnly, boolean yes) {
        return readOnly ? Policy.REFUSE_ALL : yes ? Policy.ALLOW_ALL : Policy.ASK;
    }

    public Policy policy() {
        return policy;
    }

    /** Reviews a kubectl argv (with or without the leading "kubectl"); READ commands pass without asking. */
    public Decision review(List<String> kubectlArgv) {
        Classification c = KubectlCommandClassifier.classify(kubectlArgv);
        List<String> argv = kubectlArgv.isEmpty() || !kubectlArgv.getFirst().equals("kubectl") ? prepend(kubectlArgv) : kubectlArgv;
        String shown = ShownArgv.of(argv);
        ChangeRequest request = new ChangeRequest(ChangeRequest.Kind.KUBECTL_COMMAND, shown, c.verb(), namespaceOf(argv),
                c.reason(), List.of(), null);
        return record(new Decision(shown, c, decide(c, request)));
    }

    /**
     * Reviews a non-kubectl action that is always treated as a change (e.g. running local code);
     * {@code description} is shown to the user verbatim.
     */
    public Decision reviewAction(String description, String reason) {
        Classification c = new Classification(Access.WRITE, "action", reason);
        return record(new Decision(description, c, decide(c, new ChangeRequest(ChangeRequest.Kind.LOCAL_PROGRAM,
                description, "run", null, reason, List.of(), null))));
    }

    /** Reviews a change that is not a command, e.g. generate's manifest set; always a change. */
    public Decision review(ChangeRequest request) {
        Classification c = new Classification(Access.WRITE, request.verb(), request.why());
        return record(new Decision(request.subject(), c, decide(c, request)));
    }

    private Outcome decide(Classification c, ChangeRequest request) {
        if (c.access() == Access.NEVER) {
            return Outcome.NEVER_ALLOWED;
        }
        if (!c.isWrite()) {
            return Outcome.NOT_A_CHANGE;
        }
        // Everything shown may come from the model: control characters are made visible, never sent
        // to the terminal (an ESC sequence could redraw the line to show another command).
        return switch (policy) {
            case REFUSE_ALL -> Outcome.REFUSED_BY_POLICY;
            case ALLOW_ALL -> Outcome.ALLOWED_BY_POLICY;
            case ASK -> approver.approves(request) ? Outcome.CONFIRMED : Outcome.DECLINED;
        };
    }

    /** The namespace a kubectl argv names with -n/--namespace, null when none. */
    private static String namespaceOf(List<String> argv) {
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if ((a.equals("-n") || a.equals("--namespace")) && i + 1 < argv.size()) {
                return argv.get(i + 1);
            }
            if (a.startsWith("--namespace=")) {
                return a.substring("--namespace=".length());
            }
        }
        return null;
    }

    private Decision record(Decision d) {
        synchronized (decisions) {
            decisions.add(d);
        }
        return d;
    }

    /** All decisions so far, oldest first (for the transcript). */
    public List<Decision> decisions() {
        synchronized (decisions) {
            return Collections.unmodifiableList(new ArrayList<>(decisions));
        }
    }

    private static List<String> prepend(List<String> argv) {
        List<String> l = new ArrayList<>();
        l.add("kubectl");
        l.addAll(argv);
        return l;
    }
}
