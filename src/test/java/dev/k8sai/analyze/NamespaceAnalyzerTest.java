package dev.k8sai.analyze;

import static dev.k8sai.analyze.NetTestSnapshots.about;
import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.report.Finding;
import dev.k8sai.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceAnalyzerTest {

    private final NamespaceAnalyzer analyzer = new NamespaceAnalyzer();
    private final List<Finding> findings = analyzer.analyze(NetTestSnapshots.snapshot(analyzer, "namespaces.yaml"));

    @Test
    void stuckNamespaceNamesWhatRemains() {
        assertThat(about(findings, "old-team")).singleElement().satisfies(f -> {
            assertThat(f.analyzer()).isEqualTo("namespace");
            assertThat(f.kind()).isEqualTo("Namespace");
            assertThat(f.namespace()).isNull();
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.reason()).isEqualTo("StuckTerminating");
            assertThat(f.message()).isEqualTo("namespace has been Terminating for 3h; "
                    + "NamespaceContentRemaining: Some resources are remaining: widgets.example.com has 2 resource instances; "
                    + "NamespaceFinalizersRemaining: Some content in the namespace has finalizers remaining: widgets.example.com/cleanup in 2 resource instances; "
                    + "finalizers remaining: kubernetes.");
        });
    }

    @Test
    void activeAndRecentlyDeletedNamespacesYieldNothing() {
        assertThat(about(findings, "shop")).isEmpty();
        assertThat(about(findings, "just-deleted")).as("30s old deletion").isEmpty();
        assertThat(findings).hasSize(1);
    }
}
