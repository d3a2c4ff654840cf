package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.FindingsReport.NotChecked;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts references that could not be judged, per kind, namespace and cause
 * ({@link ClusterSnapshot#unjudged}), and merges the counts of several analyzers into the report's
 * {@code summary.notChecked}.
 */
final class NotCheckedTally {

    private record Key(String kind, String namespace, String why) {
    }

    private final Map<Key, Integer> counts = new LinkedHashMap<>();

    /** Counts one reference to a {@code type} object in {@code namespace} when the snapshot cannot judge it. */
    void count(ClusterSnapshot snapshot, Class<? extends HasMetadata> type, String namespace) {
        String why = snapshot.unjudged(type, namespace);
        if (why != null) {
            add(HasMetadata.getKind(type), namespace, why, 1);
        }
    }

    void add(String kind, String namespace, String why, int references) {
        counts.merge(new Key(kind, namespace, why), references, Integer::sum);
    }

    List<NotChecked> result() {
        List<NotChecked> out = new ArrayList<>();
        counts.forEach((k, n) -> out.add(new NotChecked(k.kind(), k.namespace(), n, k.why())));
        return out;
    }

    /** The sum of several analyzers' counts, ordered by kind then namespace. */
    static List<NotChecked> merge(Collection<List<NotChecked>> parts) {
        NotCheckedTally all = new NotCheckedTally();
        parts.forEach(list -> list.forEach(n -> all.add(n.kind(), n.namespace(), n.why(), n.references())));
        List<NotChecked> merged = new ArrayList<>(all.result());
        merged.sort(java.util.Comparator.comparing(NotChecked::kind)
                .thenComparing(n -> n.namespace() == null ? "" : n.namespace()).thenComparing(NotChecked::why));
        return merged;
    }
}
