package dev.k8sai.analyze;

import static dev.k8sai.analyze.WorkloadTestSnapshots.load;
import static dev.k8sai.analyze.WorkloadTestSnapshots.only;
import static dev.k8sai.analyze.WorkloadTestSnapshots.reasonsByName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronJobAnalyzerTest {

    private final CronJobAnalyzer analyzer = new CronJobAnalyzer();

    private List<Finding> analyzeAll() {
        return analyzer.analyze(load("cronjobs.yaml", analyzer.needs()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            nightly-backup | LastRunFailed
            hourly-report  | -
            cleanup        | CronJobSuspended
            """)
    void eachCronJobGetsExactlyItsReason(String name, String reason) {
        Map<String, Set<String>> byName = reasonsByName(analyzeAll());
        if (reason == null) {
            assertThat(byName).doesNotContainKey(name);
        } else {
            assertThat(byName.get(name)).containsExactly(reason);
        }
    }

    @Test
    void lastRunFailedNamesTheNewestJobAndCarriesItsEvents() {
        Finding f = only(analyzeAll(), "nightly-backup", "LastRunFailed");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).isEqualTo(
                "newest Job nightly-backup-29142720 failed (DeadlineExceeded): Job was active longer than specified deadline");
        assertThat(f.evidence()).containsExactly("event DeadlineExceeded: Job was active longer than specified deadline");
        assertThat(f.parent()).isNull();
    }

    @Test
    void suspendedIsInfoWithTheSchedule() {
        Finding f = only(analyzeAll(), "cleanup", "CronJobSuspended");
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.message()).isEqualTo("cron job is suspended, so schedule \"*/15 9-17 * JAN-jun mon-FRI\" starts no Jobs; "
                + "last scheduled at 2025-05-30T17:45:00Z");
    }

    @Test
    void invalidSchedulesAreCritical() {
        List<Finding> findings = analyzer.analyze(load("cronjobs-invalid.yaml", analyzer.needs()));
        assertThat(findings).extracting(Finding::reason).containsOnly("InvalidSchedule");
        assertThat(only(findings, "typo", "InvalidSchedule").message()).isEqualTo(
                "schedule \"*/5 * * *\" is invalid: expected 5 fields (minute hour day-of-month month day-of-week), found 4");
        assertThat(only(findings, "typo", "InvalidSchedule").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(only(findings, "bad-zone", "InvalidSchedule").message())
                .isEqualTo("time zone \"Mars/Olympus\" in schedule \"TZ=Mars/Olympus 0 3 * * *\" is not a known time zone");
        assertThat(only(findings, "atlantis", "InvalidSchedule").message())
                .isEqualTo("spec.timeZone \"Europe/Atlantis\" is not a known time zone");
    }

    @Test
    void lastRunFailedStaysSilentWithoutJobs() {
        assertThat(analyzer.analyze(load("cronjobs.yaml", Set.of(CronJob.class, Event.class))))
                .extracting(Finding::reason).containsOnly("CronJobSuspended");
    }
}
