package dev.k8sai.analyze;

import static dev.k8sai.analyze.WorkloadTestSnapshots.load;
import static dev.k8sai.analyze.WorkloadTestSnapshots.only;
import static dev.k8sai.analyze.WorkloadTestSnapshots.reasonsByName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobAnalyzerTest {

    private final JobAnalyzer analyzer = new JobAnalyzer();

    private List<Finding> analyzeAll() {
        return analyzer.analyze(load("controllers.yaml", analyzer.needs()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            report                  | JobFailed
            nightly-backup-29142720 | JobFailed
            report-ok               | -
            """)
    void eachJobGetsExactlyItsReason(String name, String reason) {
        Map<String, Set<String>> byName = reasonsByName(analyzeAll());
        if (reason == null) {
            assertThat(byName).doesNotContainKey(name);
        } else {
            assertThat(byName.get(name)).containsExactly(reason);
        }
    }

    @Test
    void quotesReasonAndMessageWithEvidenceAndCronJobParent() {
        List<Finding> all = analyzeAll();
        Finding report = only(all, "report", "JobFailed");
        assertThat(report.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(report.message()).isEqualTo(
                "job failed (BackoffLimitExceeded): Job has reached the specified backoff limit; 7 failed and 0 succeeded pods");
        assertThat(report.evidence()).containsExactly("event BackoffLimitExceeded: Job has reached the specified backoff limit");
        assertThat(report.parent()).isNull();
        Finding scheduled = only(all, "nightly-backup-29142720", "JobFailed");
        assertThat(scheduled.message()).startsWith("job failed (DeadlineExceeded): Job was active longer than specified deadline");
        assertThat(scheduled.parent()).isEqualTo("CronJob/shop/nightly-backup");
    }
}
