package dev.k8sai.analyze;

import dev.k8sai.AgentException;
import dev.k8sai.ExitCodes;
import dev.k8sai.cluster.LiveSnapshotSource.ListTiming;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * {@code --context a,b} / {@code --all-contexts}: the same analysis of several clusters at once
 * (one virtual thread each), merged into one report whose findings carry {@code cluster}. A cluster
 * that cannot be read (unreachable, credentials rejected, unknown context) is one note line and does
 * not stop the others; only when none can be read is the run an error (the first cluster's).
 */
final class MultiClusterAnalysis {

    private MultiClusterAnalysis() {
    }

    /** "a, b,,c" → [a, b, c], order kept, duplicates dropped. */
    static List<String> split(String contexts) {
        return Arrays.stream(contexts.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    static AnalyzeOutcome run(List<String> contexts, Function<String, AnalyzeOutcome> analyzeOne) {
        if (contexts.isEmpty()) {
            throw new AgentException(ExitCodes.USAGE, "the kubeconfig has no contexts to analyze");
        }
        long start = System.nanoTime();
        Map<String, Future<AnalyzeOutcome>> futures = new LinkedHashMap<>();
        Map<String, AnalyzeOutcome> outcomes = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        AgentException first = null;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            contexts.forEach(c -> futures.put(c, pool.submit(() -> analyzeOne.apply(c))));
            for (Map.Entry<String, Future<AnalyzeOutcome>> e : futures.entrySet()) {
                try {
                    outcomes.put(e.getKey(), e.getValue().get());
                } catch (ExecutionException ex) {
                    AgentException failure = ex.getCause() instanceof AgentException a ? a
                            : new AgentException(ExitCodes.INTERNAL, String.valueOf(ex.getCause()), ex.getCause().toString(), ex.getCause());
                    first = first == null ? failure : first;
                    notes.add("cluster " + e.getKey() + ": not analyzed: " + failure.getMessage().lines().findFirst().orElse(""));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new AgentException(ExitCodes.USAGE, "interrupted while reading the clusters");
                }
            }
        }
        if (outcomes.isEmpty()) {
            throw first;
        }
        List<Finding> findings = new ArrayList<>();
        List<List<FindingsReport.NotChecked>> notChecked = new ArrayList<>();
        List<String> details = new ArrayList<>();
        List<ListTiming> timings = new ArrayList<>();
        Duration analyze = Duration.ZERO;
        for (Map.Entry<String, AnalyzeOutcome> e : outcomes.entrySet()) {
            String cluster = e.getKey();
            AnalyzeOutcome o = e.getValue();
            o.report().findings().forEach(f -> findings.add(f.withCluster(cluster)));
            notChecked.add(o.report().summary().notChecked());
            o.notes().forEach(n -> notes.add("cluster " + cluster + ": " + n));
            o.details().forEach(d -> details.add("cluster " + cluster + ": " + d));
            o.listTimings().forEach(t -> timings.add(new ListTiming(cluster + " " + t.kind(), t.objects(), t.pages(), t.elapsed())));
            analyze = analyze.plus(o.analyzeTime());
        }
        FindingsReport report = FindingsReport.of(String.join(",", outcomes.keySet()), findings, NotCheckedTally.merge(notChecked));
        // --explain reads objects from one snapshot; with several clusters it gets the first one's
        return new AnalyzeOutcome(report, outcomes.values().iterator().next().snapshot(), notes, details, timings,
                Duration.ofNanos(System.nanoTime() - start).minus(analyze), analyze);
    }
}
