package dev.k8sai.tools;

import dev.k8sai.tools.ChangeGuard.Decision;
import dev.k8sai.tools.TextStage.StageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs a parsed command: stage 1 is the real kubectl (argument list, session kubeconfig/context
 * injected, timeout, bounded output); later stages run in-process. Writes go through the
 * {@link ChangeGuard} first. All stages are validated before kubectl starts, so a bad pipeline never
 * half-runs a change.
 */
public final class Pipeline {

    public enum Status { OK, REFUSED, FAILED }

    /**
     * Outcome of one command. {@code output} is the pipeline's stdout (or the refusal/error message),
     * {@code stderr} kubectl's stderr when it succeeded (warnings, "No resources found"). Both are
     * uncompacted and unredacted: callers must pass them through the {@link ObservationCompactor}
     * before they reach a model. {@code decision} is null when the command was rejected before review.
     */
    public record Result(Status status, String output, String stderr, boolean truncated, List<String> notes, Decision decision) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    /** Flags that would let the model pick another cluster or identity than the session's. */
    private static final Set<String> SESSION_FLAGS = Set.of(
            "--kubeconfig", "--context", "--cluster", "--user", "--server", "-s", "--token", "--as", "--as-group",
            "--as-uid", "--username", "--password", "--client-certificate", "--client-key", "--certificate-authority",
            "--insecure-skip-tls-verify");

    /**
     * Flags that write local files or run local programs (kubectl's profiler and log output, the
     * discovery cache, kustomize's helm/plugin/exec hooks): never from a model, whatever the verb.
     */
    private static final Set<String> LOCAL_EFFECT_FLAGS = Set.of(
            "--profile", "--profile-output", "--cache-dir", "--log-file", "--log-dir", "--enable-helm",
            "--helm-command", "--enable-alpha-plugins", "--enable-exec", "--mount", "--network", "--as-current-user");

    private final KubectlSettings settings;
    private final ChangeGuard guard;

    public Pipeline(KubectlSettings settings, ChangeGuard guard) {
        this.settings = settings;
        this.guard = guard;
    }

    public Result run(String commandLine) {
        ParsedCommand cmd;
        try {
            cmd = CommandLineParser.parse(commandLine);
        } catch (CommandRejectedException e) {
            return new Result(Status.REFUSED, e.getMessage(), "", false, List.of(), null);
        }
        return run(cmd);
    }

    public Result run(ParsedCommand cmd) {
        List<TextStage> stages = new ArrayList<>();
        try {
            checkKubectlArgs(cmd.first());
            SecretOutputs.checkOutputFormat(cmd.first());
            for (List<String> stage : cmd.stages().subList(1, cmd.stages().size())) {
                stages.add(Stages.create(stage));
            }
        } catch (CommandRejectedException e) {
            return new Result(Status.REFUSED, e.getMessage(), "", false, List.of(), null);
        }
        Decision decision = guard.review(cmd.first());
        if (!decision.allowed()) {
            return new Result(Status.REFUSED, decision.refusalMessage(), "", false, List.of(), decision);
        }
        List<String> argv = new ArrayList<>();
        argv.add(settings.kubectlBinary().toString());
        if (settings.kubeconfig() != null) {
            argv.add("--kubeconfig=" + settings.kubeconfig());
        }
        if (settings.context() != null && !settings.context().isBlank()) {
            argv.add("--context=" + settings.context());
        }
        argv.addAll(cmd.first().subList(1, cmd.first().size()));
        ProcessRunner.Result r;
        try {
            r = ProcessRunner.run(argv, settings.timeout(), settings.maxOutputBytes(), 64 * 1024, null);
        } catch (IOException e) {
            return new Result(Status.FAILED, "kubectl could not be started (" + settings.kubectlBinary() + "): " + e.getMessage(), "", false, List.of(), decision);
        }
        List<String> notes = new ArrayList<>();
        if (r.timedOut()) {
            return new Result(Status.FAILED, "kubectl did not finish within " + settings.timeout().toSeconds()
                    + "s and was stopped. Narrow the request (namespace, -l, --field-selector, --tail).", "", true, notes, decision);
        }
        if (r.stdoutTruncated()) {
            notes.add("kubectl output was cut at " + settings.maxOutputBytes() + " of " + r.stdoutBytes()
                    + " bytes; narrow with -n, -l, --field-selector or -o jsonpath");
        }
        String stderr = r.stderr().strip();
        if (r.exitCode() != 0) {
            String text = "kubectl exited with code " + r.exitCode() + (stderr.isEmpty() ? "" : ":\n" + stderr);
            if (!r.stdout().isBlank()) {
                text += "\n" + SecretOutputs.sanitize(cmd.first(), r.stdout());
            }
            if (!stages.isEmpty()) {
                notes.add("pipeline stages after kubectl were not run because kubectl failed");
            }
            return new Result(Status.FAILED, text, "", r.stdoutTruncated(), notes, decision);
        }
        String text = SecretOutputs.sanitize(cmd.first(), r.stdout());
        for (int i = 0; i < stages.size(); i++) {
            try {
                text = stages.get(i).apply(text);
            } catch (StageException e) {
                return new Result(Status.FAILED, e.getMessage(), "", r.stdoutTruncated(), notes, decision);
            }
        }
        return new Result(Status.OK, text, stderr, r.stdoutTruncated(), notes, decision);
    }

    /** Refuses kubectl arguments that pick another cluster/identity or would wait forever for a human. */
    static void checkKubectlArgs(List<String> argv) {
        List<String> args = argv.subList(1, argv.size());
        List<String> positional = KubectlCommandClassifier.positionals(args);
        String verb = positional.isEmpty() ? "" : positional.getFirst();
        // kubectl takes the word after an unknown leading flag as its value, so "kubectl --x get apply …"
        // would run apply while looking like get: only -n/--namespace may come before the verb.
        for (int i = 0; i < args.size() && !args.get(i).equals(verb); i++) {
            String a = args.get(i);
            if (a.equals("-n") || a.equals("--namespace")) {
                i++;
            } else if (!(a.startsWith("--namespace=") || a.startsWith("-n=") || a.startsWith("-n") && a.length() > 2 && !a.startsWith("--"))) {
                throw new CommandRejectedException("Put options after the subcommand (e.g. kubectl get pods -n NS -l app=x); only -n may come before it, '"
                        + a + "' may not.");
            }
        }
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            String flag = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (SESSION_FLAGS.contains(flag)) {
                throw new CommandRejectedException(flag + " is not allowed: the session already chose the cluster, context and identity. Leave it out.");
            }
            if (LOCAL_EFFECT_FLAGS.contains(flag)) {
                throw new CommandRejectedException(flag + " is not allowed here: it writes local files or runs local programs.");
            }
            if (flag.equals("--raw") && a.contains("/proxy") || a.startsWith("/") && a.contains("/proxy") && verb.equals("get")) {
                throw new CommandRejectedException("Requests through the API server's proxy (" + a + ") reach applications and kubelets directly and are not allowed here.");
            }
            if ((verb.equals("get") || verb.equals("events")) && (flag.equals("-w") || flag.equals("--watch") || flag.equals("--watch-only"))) {
                throw new CommandRejectedException("Watching (" + flag + ") would never finish. Run the command without it, and again later if needed.");
            }
            if (verb.equals("logs") && (flag.equals("-f") || flag.equals("--follow"))) {
                throw new CommandRejectedException("Following logs (" + flag + ") would never finish. Use kubectl logs --tail=N (and --previous for the last crash) instead.");
            }
            if (Set.of("exec", "attach", "run", "debug").contains(verb) && (flag.equals("--stdin") || flag.equals("--tty")
                    || flag.matches("-[a-zA-Z]*[it][a-zA-Z]*") && !flag.startsWith("--"))) {
                throw new CommandRejectedException("Interactive sessions (" + a + ") are not possible here. Run a single non-interactive command, e.g. kubectl exec POD -- cat /etc/resolv.conf");
            }
        }
        switch (verb) {
            case "edit" -> throw new CommandRejectedException("kubectl edit needs an interactive editor. Use kubectl patch or kubectl apply with the change instead.");
            case "port-forward", "proxy" -> throw new CommandRejectedException("kubectl " + verb + " runs until stopped and is not available here.");
            default -> { }
        }
    }
}
