package dev.k8sai.analyze;

import static dev.k8sai.analyze.NetTestSnapshots.about;
import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuotaAnalyzerTest {

    private final QuotaAnalyzer analyzer = new QuotaAnalyzer();
    private final List<Finding> findings = analyzer.analyze(NetTestSnapshots.snapshot(analyzer, "quotas.yaml"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "compute | quota is at or over its hard limit for 2 resources (used/hard): pods 10/10, requests.memory 2048Mi/2Gi; new objects needing them are rejected.",
            "over    | quota is at or over its hard limit for 1 resource (used/hard): count/configmaps 7/5; new objects needing them are rejected.",
    })
    void fullQuotasAreReported(String name, String message) {
        assertThat(about(findings, name)).singleElement().satisfies(f -> {
            assertThat(f.analyzer()).isEqualTo("quota");
            assertThat(f.kind()).isEqualTo("ResourceQuota");
            assertThat(f.namespace()).isEqualTo("shop");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.reason()).isEqualTo("QuotaExceeded");
            assertThat(f.message()).isEqualTo(message);
        });
    }

    @Test
    void quotasWithHeadroomAndZeroBansYieldNothing() {
        assertThat(about(findings, "roomy")).isEmpty();
        assertThat(about(findings, "no-lb")).isEmpty();
        assertThat(findings).hasSize(2);
    }

    @Test
    void evidenceCarriesWarningEvents() {
        assertThat(about(findings, "compute").getFirst().evidence())
                .containsExactly("event FailedCreate x3: exceeded quota: compute, requested: pods=1, used: pods=10, limited: pods=10");
    }
}
