package dev.k8sai.kubectl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what a model-written kubectl argv may do, by an allow-list: it is a READ (runs without
 * asking) only when kubectl's own flag tables account for every word and {@link ReadAllowList} lists
 * the command path and every option. Anything else is a WRITE (a human confirms; refused under
 * --read-only and in diagnose). NEVER marks what no one may approve through the model: the
 * {@code config} command (it rewrites kubeconfig, which can make kubectl run programs) and flags that
 * choose the kubeconfig, cluster, identity or write local files — the session fixes those itself.
 */
public final class KubectlCommandClassifier {

    public enum Access { READ, WRITE, NEVER }

    /**
     * verb is the command path such as "get" or "rollout restart"; reason is one human line. Both may
     * quote the model's words, so control characters in them are escaped wherever they are shown.
     */
    public record Classification(Access access, String verb, String reason) {
        public Classification {
            verb = ShownArgv.visible(verb, false);
            reason = ShownArgv.visible(reason, false);
        }

        public boolean isWrite() {
            return access != Access.READ;
        }
    }

    /** Flags choosing where kubectl connects, as whom, or with which kubeconfig/preferences. */
    static final Set<String> TARGET_FLAGS = Set.of(
            "kubeconfig", "context", "cluster", "user", "token", "as", "as-group", "as-uid", "server",
            "certificate-authority", "client-key", "client-certificate", "username", "password",
            "insecure-skip-tls-verify", "tls-server-name", "kuberc", "auth-provider", "auth-provider-arg",
            "exec-command", "exec-arg", "exec-env", "exec-api-version", "proxy-url");

    /**
     * Flags that write local files or run local programs: kubectl's profiler and log output, the
     * discovery cache, kustomize's helm/plugin/exec hooks.
     */
    static final Set<String> LOCAL_EFFECT_FLAGS = Set.of(
            "profile", "profile-output", "cache-dir", "enable-helm", "helm-command", "enable-alpha-plugins", "mount",
            "network", "as-current-user");

    private KubectlCommandClassifier() { }

    /** {@code argv} may start with "kubectl" or directly with the first argument. */
    public static Classification classify(List<String> argv) {
        List<String> args = withoutProgram(argv);
        KubectlInvocation inv = KubectlArgsParser.pinned().parse(args);
        String verb = verb(inv);
        Optional<String> never = never(args, inv);
        if (never.isPresent()) {
            return new Classification(Access.NEVER, verb, never.get());
        }
        if (!inv.understood()) {
            return write(verb, "kubectl would not accept it as written (" + inv.problem() + ")");
        }
        if (inv.path().isEmpty() && !inv.positionals().isEmpty()) {
            return write(verb, "'" + verb + "' is not a kubectl command; kubectl would run a local kubectl-" + verb
                    + " plugin program if one exists");
        }
        if (inv.command().disableFlagParsing()) {
            return write(verb, "kubectl passes the arguments of '" + verb + "' on unparsed");
        }
        if (!pathAgrees(args, inv)) {
            return write(verb, "the options make it ambiguous which command kubectl runs");
        }
        Optional<String> notRead = ReadAllowList.whyNotRead(inv);
        return notRead.map(why -> write(verb, why)).orElseGet(() -> new Classification(Access.READ, verb, verb + " only reads"));
    }

    /** The command path ("rollout restart"), or for an unknown command its first word. */
    private static String verb(KubectlInvocation inv) {
        return !inv.path().isEmpty() || inv.positionals().isEmpty() ? inv.path() : inv.positionals().getFirst();
    }

    private static Optional<String> never(List<String> args, KubectlInvocation inv) {
        KubectlFlagTable.Command root = KubectlFlagTable.pinned().root();
        for (KubectlInvocation.Option o : inv.options()) {
            // a command's own flag of the same name is something else (create rolebinding --user names a subject)
            boolean global = o.flag().equals(root.flags().get(o.name()));
            Optional<String> why = neverFlag(o.name(), o.written(), global);
            if (why.isPresent()) {
                return why;
            }
        }
        // A line kubectl would hand to a plugin or reject is not parsed exactly: its long flags decide.
        if (!inv.understood() || inv.path().isEmpty()) {
            for (String a : args) {
                if (a.equals("--")) {
                    break;
                }
                if (a.startsWith("--") && a.length() > 2) {
                    String name = KubectlFlagTable.FlagSet.normalize(a.substring(2).split("=", 2)[0]);
                    Optional<String> why = neverFlag(name, "--" + name, true);
                    if (why.isPresent()) {
                        return why;
                    }
                }
            }
        }
        if (inv.path().equals("config") || inv.path().startsWith("config ")
                || inv.path().isEmpty() && !inv.positionals().isEmpty() && inv.positionals().getFirst().equals("config")
                || firstWordByFlagsOfChosenCommand(args, inv).equals("config")) {
            return Optional.of("kubectl config is never available: it reads and rewrites the kubeconfig, and the session "
                    + "already fixed the cluster, context and credentials");
        }
        return Optional.empty();
    }

    private static Optional<String> neverFlag(String name, String written, boolean global) {
        if (TARGET_FLAGS.contains(name) && global) {
            return Optional.of(written + " is never taken from the assistant: the session fixes the kubeconfig, cluster, "
                    + "context and identity");
        }
        if (LOCAL_EFFECT_FLAGS.contains(name)) {
            return Optional.of(written + " writes local files or runs local programs");
        }
        return Optional.empty();
    }

    /**
     * A second reading of the whole line with the chosen command's flags alone: its first words must
     * be the command path cobra found. If they are not, an option value sits where kubectl looks for
     * the command, and the line is not taken as understood.
     */
    private static boolean pathAgrees(List<String> args, KubectlInvocation inv) {
        KubectlInvocation whole = KubectlArgsParser.parseFlags(inv.command(), args);
        int depth = inv.command().words().size();
        if (!whole.understood() || whole.positionals().size() < depth) {
            return false;
        }
        KubectlFlagTable.Command at = KubectlFlagTable.pinned().root();
        for (String word : whole.positionals().subList(0, depth)) {
            Optional<KubectlFlagTable.Command> next = at.child(word); // by name or alias, as cobra
            if (next.isEmpty()) {
                return false;
            }
            at = next.get();
        }
        return at == inv.command();
    }

    private static String firstWordByFlagsOfChosenCommand(List<String> args, KubectlInvocation inv) {
        KubectlInvocation whole = KubectlArgsParser.parseFlags(inv.command(), args);
        return whole.positionals().isEmpty() ? "" : whole.positionals().getFirst();
    }

    private static Classification write(String verb, String reason) {
        return new Classification(Access.WRITE, verb, reason);
    }

    /**
     * The command path followed by its positional arguments ("get", "secret", "db"), as kubectl reads
     * them; used to see what a command reads.
     */
    public static List<String> positionals(List<String> args) {
        KubectlInvocation inv = KubectlArgsParser.pinned().parse(withoutProgram(args));
        List<String> out = new ArrayList<>(inv.command().words());
        out.addAll(inv.positionals());
        return out;
    }

    /** The invocation as kubectl reads it ({@code argv} with or without the leading "kubectl"). */
    public static KubectlInvocation parse(List<String> argv) {
        return KubectlArgsParser.pinned().parse(withoutProgram(argv));
    }

    private static List<String> withoutProgram(List<String> argv) {
        return !argv.isEmpty() && argv.getFirst().equals("kubectl") ? argv.subList(1, argv.size()) : argv;
    }
}
