package dev.k8sai.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sai.AgentException;
import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.cluster.SampleAnalyzers;
import dev.k8sai.report.Finding;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnalyzeServiceTest {

    static final String EXAMPLE = Path.of(System.getProperty("k8sai.repoRoot", "."), "examples/broken-shop.yaml").toString();

    static final Analyzer BROKEN = new Analyzer() {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public Set<Class<? extends HasMetadata>> needs() {
            return Set.of(Pod.class);
        }

        @Override
        public List<Finding> analyze(ClusterSnapshot snapshot) {
            throw new IllegalStateException("bug in check\nsecond line");
        }
    };

    private static AnalyzeRequest file(String selector, List<String> filters) {
        return new AnalyzeRequest(new dev.k8sai.cluster.SnapshotRequest(EXAMPLE, null, selector), filters);
    }

    @Test
    void findingsAreSortedAndSourced() {
        AnalyzeOutcome o = new AnalyzeService(SampleAnalyzers.all(), new dev.k8sai.cluster.SnapshotReader(java.util.Map.of(), InputStream.nullInputStream())).run(file(null, null));
        assertThat(o.report().source()).isEqualTo(EXAMPLE);
        assertThat(o.report().findings()).extracting(Finding::name)
                .containsExactly("cart-66b8d4f7c5-5hv8n", "payments-7c9d5b8f6d-x2xq4", "checkout");
        assertThat(o.report().summary().critical()).isEqualTo(3);
        assertThat(o.listTimings()).isEmpty();
        assertThat(o.snapshot().collected(Pod.class)).isTrue();
    }

    @Test
    void aFailingAnalyzerBecomesANoteAndOthersStillReport() {
        List<Analyzer> registry = new ArrayList<>(SampleAnalyzers.all());
        registry.add(BROKEN);
        AnalyzeOutcome o = new AnalyzeService(registry, new dev.k8sai.cluster.SnapshotReader(java.util.Map.of(), InputStream.nullInputStream())).run(file(null, null));
        assertThat(o.report().findings()).hasSize(3);
        assertThat(o.notes()).containsExactly("analyzer broken failed (IllegalStateException: bug in check); its findings are missing");
    }

    @Test
    void selectorFiltersFindingsByTheObjectsOwnLabels() {
        AnalyzeOutcome o = new AnalyzeService(SampleAnalyzers.all(), new dev.k8sai.cluster.SnapshotReader(java.util.Map.of(), InputStream.nullInputStream())).run(file("app=checkout", null));
        assertThat(o.report().findings()).extracting(Finding::name).containsExactly("checkout");
    }

    @Test
    void filtersAreCaseInsensitiveAndCommaSeparated() {
        assertThat(Analyzers.select(SampleAnalyzers.all(), List.of("Service,pod"))).extracting(Analyzer::name)
                .containsExactly("pod", "service");
        assertThat(Analyzers.select(SampleAnalyzers.all(), List.of())).hasSize(2);
        assertThatThrownBy(() -> Analyzers.select(SampleAnalyzers.all(), List.of(",")))
                .isInstanceOf(AgentException.class).hasMessageContaining("names no analyzer");
        assertThatThrownBy(() -> Analyzers.select(List.of(), List.of("pod")))
                .hasMessage("unknown analyzer 'pod' in --filter; valid: (none available in this build)");
    }

    @Test
    void needsIsTheUnion() {
        assertThat(Analyzers.needs(SampleAnalyzers.all())).contains(Pod.class, io.fabric8.kubernetes.api.model.Service.class,
                io.fabric8.kubernetes.api.model.ConfigMap.class);
    }
}
