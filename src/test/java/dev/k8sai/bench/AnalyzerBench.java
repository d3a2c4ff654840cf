package dev.k8sai.bench;

import dev.k8sai.analyze.Analyzer;
import dev.k8sai.analyze.Analyzers;
import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.cluster.SnapshotFileReader;
import java.io.InputStream;

/**
 * Time per analyzer on a snapshot file (warm, best of N), to find the hot paths:
 * {@code java -cp … dev.k8sai.bench.AnalyzerBench FILE [RUNS]}.
 */
public final class AnalyzerBench {

    public static void main(String[] args) {
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ClusterSnapshot snapshot = new SnapshotFileReader(Analyzers.needs(Analyzers.all()))
                .read(args[0], InputStream.nullInputStream(), null).snapshot();
        for (int pass = 0; pass < 2; pass++) {
            long total = 0;
            for (Analyzer a : Analyzers.all()) {
                long best = Long.MAX_VALUE;
                int findings = 0;
                for (int i = 0; i < (pass == 0 ? 1 : runs); i++) {
                    long start = System.nanoTime();
                    findings = a.analyze(snapshot).size();
                    best = Math.min(best, System.nanoTime() - start);
                }
                total += best;
                if (pass == 1 || runs == 1) {
                    System.out.printf("%-16s %7.1f ms %5d findings%n", a.name(), best / 1e6, findings);
                }
            }
            System.out.printf("%s total %7.1f ms%n", pass == 0 ? "cold" : "warm", total / 1e6);
        }
    }
}
