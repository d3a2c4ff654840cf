package dev.k8sai.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sai.analyze.AnalyzeService;
import dev.k8sai.analyze.Analyzers;
import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.cluster.SnapshotFileReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Timed harness (not a unit test): where the time of {@code analyze -f BIG_FILE} goes, cold and warm,
 * in one JVM. Run after scripts/bench-analyze.sh with KEEP=1:
 * {@code java -cp target/classes:target/test-classes:$(deps) dev.k8sai.bench.SnapshotReadBench FILE [ROUNDS]}.
 * The whole-process numbers that the issue budgets come from scripts/bench-analyze.sh.
 */
public final class SnapshotReadBench {

    private SnapshotReadBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int round = 1; round <= rounds; round++) {
            long t0 = System.nanoTime();
            try (InputStream in = Files.newInputStream(file)) {
                new ObjectMapper().readTree(in);
            }
            long t1 = System.nanoTime();
            SnapshotFileReader.Result r = new SnapshotFileReader(List.of()).read(file.toString(), InputStream.nullInputStream(), null);
            long t2 = System.nanoTime();
            ClusterSnapshot s = r.snapshot();
            int findings = AnalyzeService.analyze(s, Analyzers.all()).findings().size();
            long t3 = System.nanoTime();
            System.out.printf("round %d: plain tree parse %d ms, read to snapshot %d ms, analyze %d ms (%d findings)%n",
                    round, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, findings);
        }
    }
}
