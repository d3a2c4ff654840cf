package dev.k8sai.tools;

import dev.k8sai.kubectl.KubectlCommandClassifier;
import dev.k8sai.kubectl.KubectlInvocation;
import dev.k8sai.tools.ChangeGuard.Decision;
import dev.k8sai.tools.TextStage.StageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a parsed command: stage 1 is the real kubectl (argument list, a private copy of the session's
 * kubeconfig, timeout, bounded output); later stages run in-process. Writes go through the
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

    private final KubectlSettings settings;
    private final ChangeGuard guard;
    private final PrivateKubeconfig kubeconfig;
    private final dev.k8sai.CancellationToken cancellation;
    private final ObservationRedactor outputRedactor;

    /**
     * {@code outputRedactor} is applied to kubectl's output before any stage sees it (structural redaction
     * of JSON/YAML, patterns on text), so no stage can reshape a secret past the redactor.
     */
    public Pipeline(KubectlSettings settings, ChangeGuard guard, ObservationRedactor outputRedactor) {
        this(settings, guard, outputRedactor, dev.k8sai.CancellationToken.NONE);
    }

    /** As above; {@code cancellation} ends a running kubectl when the run is cancelled. */
    public Pipeline(KubectlSettings settings, ChangeGuard guard, ObservationRedactor outputRedactor,
                    dev.k8sai.CancellationToken cancellation) {
        this.settings = settings;
        this.guard = guard;
        this.cancellation = cancellation;
        this.kubeconfig = new PrivateKubeconfig(settings);
        this.outputRedactor = outputRedactor;
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
        if (SecretOutputs.printsRawFields(cmd.first())) {
            String problem = learnSecretsOf(SecretOutputs.asJson(cmd.first()));
            if (problem != null) {
                return new Result(Status.REFUSED, problem, "", false, List.of(), decision);
            }
        }
        ProcessRunner.Result r;
        try {
            r = runKubectl(cmd.first());
        } catch (IOException e) {
            return new Result(Status.FAILED, "kubectl could not be run (" + settings.kubectlBinary() + "): " + e.getMessage(), "", false, List.of(), decision);
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
                text += "\n" + SecretOutputs.sanitize(cmd.first(), r.stdout(), r.stdoutTruncated(), outputRedactor);
            }
            if (!stages.isEmpty()) {
                notes.add("pipeline stages after kubectl were not run because kubectl failed");
            }
            return new Result(Status.FAILED, text, "", r.stdoutTruncated(), notes, decision);
        }
        String text = SecretOutputs.sanitize(cmd.first(), r.stdout(), r.stdoutTruncated(), outputRedactor);
        for (int i = 0; i < stages.size(); i++) {
            try {
                text = stages.get(i).apply(text);
            } catch (StageException e) {
                return new Result(Status.FAILED, e.getMessage(), "", r.stdoutTruncated(), notes, decision);
            }
        }
        return new Result(Status.OK, text, stderr, r.stdoutTruncated(), notes, decision);
    }

    /** Runs the model's kubectl argv; the cluster target comes from the session: the private kubeconfig copy and our own arguments. */
    private ProcessRunner.Result runKubectl(List<String> modelArgv) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add(settings.kubectlBinary().toString());
        argv.addAll(settings.targetArguments());
        argv.addAll(modelArgv.subList(1, modelArgv.size()));
        return kubeconfig.run(copy -> ProcessRunner.run(argv, copy.environment(), settings.timeout(), settings.maxOutputBytes(), 64 * 1024, null,
                cancellation));
    }

    /**
     * jsonpath and custom-columns print raw field values that no redactor can interpret. The same read as
     * -o json goes through the output redactor first, so every secret value those objects hold is recorded
     * in the run's ledger, which then scrubs it from the printed fields. Null when that worked.
     */
    private String learnSecretsOf(List<String> jsonArgv) {
        ProcessRunner.Result r;
        try {
            r = runKubectl(jsonArgv);
        } catch (IOException e) {
            return "kubectl could not be run (" + settings.kubectlBinary() + "): " + e.getMessage();
        }
        if (r.timedOut() || r.stdoutTruncated()) {
            return "-o jsonpath/custom-columns output is checked for secret values against the same objects read as JSON, and "
                    + "there are too many of them: narrow the query (-n, -l, a name) or use -o json | jq.";
        }
        if (r.exitCode() == 0) {
            outputRedactor.redact(r.stdout());
        }
        return null;
    }

    /**
     * Refuses what could never work here, whoever approved it: commands that wait for an editor or a
     * terminal, or run until stopped. What may run at all is the classifier's decision (ChangeGuard).
     */
    static void checkKubectlArgs(List<String> argv) {
        KubectlInvocation inv = KubectlCommandClassifier.parse(argv);
        String path = inv.path();
        for (KubectlInvocation.Option o : inv.options()) {
            boolean on = !o.value().equalsIgnoreCase("false");
            switch (o.name()) {
                case "watch", "watch-only" -> {
                    if (on && (path.equals("get") || path.equals("events"))) {
                        throw new CommandRejectedException("Watching (" + o.written() + ") would never finish. Run the command without it, and again later if needed.");
                    }
                }
                case "follow" -> {
                    if (on && path.equals("logs")) {
                        throw new CommandRejectedException("Following logs (" + o.written() + ") would never finish. Use kubectl logs --tail=N (and --previous for the last crash) instead.");
                    }
                }
                case "stdin", "tty" -> {
                    if (on) {
                        throw new CommandRejectedException("Interactive sessions (" + o.written() + ") are not possible here. Run a single non-interactive command, e.g. kubectl exec POD -- cat /etc/resolv.conf");
                    }
                }
                default -> { }
            }
        }
        switch (path) {
            case "edit" -> throw new CommandRejectedException("kubectl edit needs an interactive editor. Use kubectl patch or kubectl apply with the change instead.");
            case "port-forward", "proxy" -> throw new CommandRejectedException("kubectl " + path + " runs until stopped and is not available here.");
            default -> { }
        }
    }
}
