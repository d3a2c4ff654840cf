package dev.k8sai.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.cluster.SnapshotFileReader;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's proof that every reason code of the findings contract is produced by a committed
 * fixture: each YAML under src/test/resources/analyze (snapshot fixtures of the analyzer tests and
 * the objects the real-cluster tests apply) and examples/ goes through the file reader and the real
 * registry; the (analyzer, reason) pairs found must cover the reason table of the spec.
 *
 * <p>The spec is read from the shared contract when this checkout sits next to it, else from the
 * committed copy docs/findings-spec.md (kept in sync by {@link #committedCopyMatchesSharedSpec}).
 */
class ReasonCoverageTest {

    static final Path ROOT = Path.of(System.getProperty("k8sai.repoRoot", "."));
    static final Path SHARED = ROOT.resolve("../shared/spec/findings.md").normalize();
    static final Path COPY = ROOT.resolve("docs/findings-spec.md");

    record Code(String analyzer, String reason) implements Comparable<Code> {
        @Override
        public int compareTo(Code o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return analyzer + "/" + reason;
        }
    }

    /**
     * Rows of every "| analyzer | reason | severity | when |" table (round one and round two);
     * "a / b" cells expand to each name.
     */
    static Set<Code> specCodes(String markdown) {
        Set<Code> codes = new TreeSet<>();
        boolean inTable = false;
        for (String line : markdown.lines().toList()) {
            String t = line.strip();
            if (t.startsWith("| analyzer | reason |")) {
                inTable = true;
                continue;
            }
            if (!inTable) {
                continue;
            }
            if (!t.startsWith("|")) {
                inTable = false;
                continue;
            }
            if (t.startsWith("|---")) {
                continue;
            }
            String[] cells = t.split("\\|");
            for (String analyzer : cells[1].split("/")) {
                for (String reason : cells[2].split("/")) {
                    codes.add(new Code(analyzer.strip(), reason.strip()));
                }
            }
        }
        return codes;
    }

    /**
     * The project's contract: the committed copy. Round-two rows enter it as their analyzers are
     * built, each verbatim from the shared spec ({@link #committedCopyMatchesSharedSpec}).
     */
    static String spec() throws IOException {
        return Files.readString(COPY);
    }

    static List<Path> fixtures() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(ROOT.resolve("src/test/resources/analyze"), ROOT.resolve("examples"))) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    static Set<Code> produced(List<Path> files) {
        Set<Code> codes = new LinkedHashSet<>();
        for (Path file : files) {
            var snapshot = new SnapshotFileReader(Analyzers.needs(Analyzers.all()), Analyzers.customKinds(Analyzers.all(), List.of()))
                    .read(file.toString(), InputStream.nullInputStream(), null).snapshot();
            FindingsReport report = AnalyzeService.analyze(snapshot, Analyzers.all());
            for (Finding f : report.findings()) {
                codes.add(new Code(f.analyzer(), f.reason()));
            }
        }
        return codes;
    }

    @Test
    void everySpecReasonIsProducedByACommittedFixture() throws IOException {
        Set<Code> spec = specCodes(spec());
        assertThat(spec).hasSizeGreaterThan(50).contains(new Code("node", "PIDPressure"), new Code("secret", "Unused"));
        Set<Code> produced = produced(fixtures());
        Set<Code> missing = new TreeSet<>(spec);
        missing.removeAll(produced);
        assertThat(missing).as("spec reason codes no fixture produces").isEmpty();
    }

    /**
     * The copy holds the shared spec's round-one table in full and every round-two row it lists
     * word for word; outside the round-two table the text is the same.
     */
    @Test
    void committedCopyMatchesSharedSpec() throws IOException {
        if (!Files.isRegularFile(SHARED)) {
            return;
        }
        String shared = Files.readString(SHARED);
        String copy = Files.readString(COPY);
        assertThat(rows(copy)).isSubsetOf(rows(shared));
        assertThat(withoutRoundTwoRows(copy)).isEqualTo(withoutRoundTwoRows(shared));
        int roundTwo = shared.indexOf("### Round two");
        assertThat(specCodes(copy)).containsAll(specCodes(shared.substring(0, roundTwo)));
    }

    private static List<String> rows(String markdown) {
        return markdown.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| analyzer |")).toList();
    }

    private static String withoutRoundTwoRows(String markdown) {
        int at = markdown.indexOf("### Round two");
        String tail = markdown.substring(at).lines()
                .filter(l -> !(l.startsWith("| ") && !l.startsWith("| analyzer |")))
                .reduce("", (a, b) -> a + b + "\n");
        return markdown.substring(0, at) + tail;
    }
}
