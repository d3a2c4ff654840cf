package dev.k8sai.cli;

import dev.k8sai.app.Progress;

/** Words the use cases' {@link Progress} events for the spinner line on stderr. */
final class ProgressView {

    private ProgressView() {
    }

    /** A listener that shows each event on {@code spinner} (which draws only on a terminal). */
    static Progress.Listener on(Spinner spinner) {
        return event -> spinner.show(text(event));
    }

    static String text(Progress event) {
        return switch (event) {
            case Progress.Connecting c -> "connecting…";
            case Progress.ReadingCluster r -> "reading the cluster…";
            case Progress.ExplainBatch b -> "explaining findings: batch " + b.batch() + " of " + b.of() + "…";
            case Progress.CollectingFacts f -> "collecting facts about " + TerminalText.shown(f.target()) + "…";
            case Progress.Thinking t -> t.step() <= 1 ? "thinking…" : "thinking… (step " + t.step() + ")";
            case Progress.Generating g -> "generating manifests…";
            case Progress.Validating v -> v.dryRun() ? "validating: schema check and server-side dry run…" : "validating: schema check…";
            case Progress.Repairing r -> "repair round " + r.round() + " of " + r.of() + ": asking the model to fix the manifests…";
            case Progress.Comparing c -> "comparing with the cluster…";
        };
    }
}
