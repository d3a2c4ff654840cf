package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.cluster.ResourceKind;
import dev.k8sai.report.Finding;
import dev.k8sai.report.FindingsReport.NotChecked;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Set;

/**
 * A deterministic check of one resource family (pods, services, …). Pure: reads only the snapshot,
 * so live and snapshot analysis yield the same findings. A healthy object yields no finding.
 */
public interface Analyzer {

    /** The family name used in {@code --filter} and in {@link Finding#analyzer()}, e.g. "pod". */
    String name();

    /** The kinds a live source must LIST for this analyzer (its own kind and what it cross-checks). */
    Set<Class<? extends HasMetadata>> needs();

    /**
     * Whether the analyzer runs without --filter. Advice that fires on most clusters (the default
     * ServiceAccount token) runs only when named, as k8sgpt's security analyzer does.
     */
    default boolean onByDefault() {
        return true;
    }

    /** Kinds without a model class (custom resources: Gateway API, OLM) this analyzer reads. */
    default Set<ResourceKind> needsResources() {
        return Set.of();
    }

    /** Whether this analyzer reads the objects of every custom resource kind (the generic conditions check). */
    default boolean needsAllCustomResources() {
        return false;
    }

    List<Finding> analyze(ClusterSnapshot snapshot);

    /**
     * References to other objects this analyzer would judge but cannot with this snapshot (their
     * kind was not read in that namespace), for the report's {@code summary.notChecked}. Pure, like
     * {@link #analyze}; analyzers without such references keep the default.
     */
    default List<NotChecked> notChecked(ClusterSnapshot snapshot) {
        return List.of();
    }
}
