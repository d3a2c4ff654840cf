package dev.k8sai.app;

/**
 * What a use case is doing while a person waits: typed events, so each front end words and draws
 * them its own way (the CLI as a spinner line on stderr). Agent steps have their own listener
 * ({@link dev.k8sai.agent.AgentListener}); these are the stages around them.
 */
public sealed interface Progress {

    /** Receives the events; {@link #NONE} ignores them. */
    @FunctionalInterface
    interface Listener {
        Listener NONE = event -> { };

        void on(Progress event);
    }

    /** Opening the cluster connection (and the model's client). */
    record Connecting() implements Progress { }

    /** Reading the cluster or snapshot for the analyzers. */
    record ReadingCluster() implements Progress { }

    /** --explain: batch {@code batch} of {@code of} is with the model. */
    record ExplainBatch(int batch, int of) implements Progress { }

    /** diagnose: collecting the deterministic facts (findings, events, previous logs). */
    record CollectingFacts(String target) implements Progress { }

    /** The agent is waiting for the model (step {@code step}). */
    record Thinking(int step) implements Progress { }

    /** generate: the model is writing manifests. */
    record Generating() implements Progress { }

    /** generate: validating the reply (offline schema check; {@code dryRun}: then a server-side dry run). */
    record Validating(boolean dryRun) implements Progress { }

    /** generate: invalid manifests went back to the model, round {@code round} of at most {@code of}. */
    record Repairing(int round, int of) implements Progress { }

    /** generate: comparing the valid manifests with the live objects. */
    record Comparing() implements Progress { }
}
