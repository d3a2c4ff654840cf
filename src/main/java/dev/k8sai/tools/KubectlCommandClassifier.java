package dev.k8sai.tools;

import java.util.List;
import java.util.Set;

/**
 * Decides whether a kubectl argv only reads or may change something. Unknown verbs and unknown
 * sub-verbs are WRITE: being asked once too often is better than an unreviewed change.
 *
 * <p>Dry runs: {@code --dry-run=client} and {@code --dry-run=server} on a verb that supports dry runs
 * are classified READ — the API server (or kubectl) validates the request but persists nothing, and
 * models use {@code kubectl create ... --dry-run=client -o yaml} to draft manifests. Any other value
 * ({@code none}, a bare {@code --dry-run}) is a WRITE. The last {@code --dry-run} flag wins, as in kubectl.
 */
public final class KubectlCommandClassifier {

    public enum Access { READ, WRITE }

    /** verb is the (sub)command path such as "get" or "rollout restart"; reason is one human line. */
    public record Classification(Access access, String verb, String reason) {
        public boolean isWrite() {
            return access == Access.WRITE;
        }
    }

    private static final Set<String> READ_VERBS = Set.of(
            "get", "describe", "logs", "top", "explain", "api-resources", "api-versions", "version",
            "cluster-info", "events", "diff", "wait", "kustomize", "completion", "options", "help");

    private static final Set<String> WRITE_VERBS = Set.of(
            "apply", "create", "delete", "edit", "patch", "replace", "scale", "autoscale", "set", "label",
            "annotate", "taint", "cordon", "uncordon", "drain", "expose", "run", "exec", "cp", "attach",
            "port-forward", "proxy", "debug", "certificate", "plugin", "alpha");

    /** Verbs whose --dry-run=client|server persists nothing. exec, cp, edit, debug... have no dry run. */
    private static final Set<String> DRY_RUN_VERBS = Set.of(
            "apply", "create", "delete", "patch", "replace", "scale", "autoscale", "set", "label", "annotate",
            "taint", "cordon", "uncordon", "drain", "expose", "run", "rollout undo");

    /** kubectl global flags that take a separate value; needed to find the verb in "kubectl -n x get pods". */
    static final Set<String> GLOBAL_VALUE_FLAGS = Set.of(
            "-n", "--namespace", "--context", "--kubeconfig", "--cluster", "--user", "-s", "--server",
            "--as", "--as-group", "--as-uid", "--token", "--request-timeout", "-v", "--v", "--log-file",
            "--cache-dir", "--certificate-authority", "--client-certificate", "--client-key", "--tls-server-name",
            "--profile", "--profile-output", "--vmodule", "--password", "--username");

    private KubectlCommandClassifier() { }

    /** {@code argv} may start with "kubectl" or directly with the first argument. */
    public static Classification classify(List<String> argv) {
        List<String> args = !argv.isEmpty() && argv.getFirst().equals("kubectl") ? argv.subList(1, argv.size()) : argv;
        List<String> positional = positionals(args);
        if (positional.isEmpty()) {
            return new Classification(Access.READ, "", "no subcommand (prints help)");
        }
        String verb = positional.getFirst();
        String sub = positional.size() > 1 ? positional.get(1) : "";
        for (int i = 0; i < args.size() && !args.get(i).equals(verb); i++) {
            String a = args.get(i);
            if (a.startsWith("-") && !GLOBAL_VALUE_FLAGS.contains(a) && !a.contains("=")) {
                // kubectl would take the next word as this flag's value: the real verb is unknown.
                return write(verb, "an option before the subcommand hides which command kubectl runs");
            }
            if (GLOBAL_VALUE_FLAGS.contains(a)) {
                i++;
            }
        }
        String dryRun = dryRun(args);
        if (READ_VERBS.contains(verb)) {
            return new Classification(Access.READ, verb, verb + " only reads");
        }
        return switch (verb) {
            case "rollout" -> switch (sub) {
                case "status", "history" -> read("rollout " + sub);
                case "undo" -> dryRunOr("rollout undo", dryRun);
                default -> write("rollout " + sub, "rollout " + sub + " changes a workload");
            };
            case "auth" -> switch (sub) {
                case "can-i", "whoami" -> read("auth " + sub);
                default -> write("auth " + sub, "auth " + sub + " may change RBAC objects");
            };
            case "config" -> switch (sub) {
                case "view", "get-contexts", "current-context", "get-clusters", "get-users" -> read("config " + sub);
                default -> write("config " + sub, "config " + sub + " changes the kubeconfig");
            };
            case "apply" -> switch (sub) {
                case "view-last-applied" -> read("apply view-last-applied");
                case "edit-last-applied", "set-last-applied" -> write("apply " + sub, "apply " + sub + " changes an object");
                default -> dryRunOr("apply", dryRun);
            };
            case "certificate" -> write("certificate " + sub, "certificate " + sub + " changes a certificate signing request");
            default -> {
                if (WRITE_VERBS.contains(verb)) {
                    yield dryRunOr(verb, dryRun);
                }
                yield write(verb, "unknown kubectl command '" + verb + "' is treated as a change");
            }
        };
    }

    private static Classification read(String verb) {
        return new Classification(Access.READ, verb, verb + " only reads");
    }

    private static Classification write(String verb, String reason) {
        return new Classification(Access.WRITE, verb, reason);
    }

    private static Classification dryRunOr(String verb, String dryRun) {
        if (DRY_RUN_VERBS.contains(verb) && ("client".equals(dryRun) || "server".equals(dryRun))) {
            return new Classification(Access.READ, verb, verb + " with --dry-run=" + dryRun + " persists nothing");
        }
        return write(verb, verb + " changes the cluster");
    }

    /** Flags that make kubectl read local files; a "dry run" with them could print those files to the model. */
    private static final Set<String> LOCAL_INPUT_FLAGS = Set.of(
            "-f", "--filename", "-k", "--kustomize", "--from-file", "--from-env-file");

    /**
     * Value of the last --dry-run flag: null when absent, "unchanged" for a bare --dry-run. A
     * {@code --dry-run=…} right after a flag written without "=" may be that flag's value (kubectl
     * would then really change something), so it does not count; neither does any dry run combined
     * with local file input. Both fail safe: the command needs confirmation.
     */
    private static String dryRun(List<String> args) {
        String value = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                break;
            }
            String flag = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (LOCAL_INPUT_FLAGS.contains(flag)) {
                return "with local files";
            }
            String previous = i > 0 ? args.get(i - 1) : "";
            boolean valueOfPrevious = previous.startsWith("-") && !previous.contains("=") && !previous.equals("--dry-run");
            if (a.equals("--dry-run")) {
                value = "unchanged";
            } else if (a.startsWith("--dry-run=")) {
                value = valueOfPrevious ? "ambiguous" : a.substring("--dry-run=".length());
            }
        }
        return value;
    }

    /** Non-flag arguments, skipping values of known value-taking global flags. */
    static List<String> positionals(List<String> args) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                break; // what follows is a command for exec/debug, not kubectl's own arguments
            }
            if (a.startsWith("-") && a.length() > 1) {
                if (GLOBAL_VALUE_FLAGS.contains(a)) {
                    i++;
                }
                continue;
            }
            out.add(a);
        }
        return out;
    }
}
