package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.FindingsReport.NotChecked;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts references that could not be judged, per kind, namespace and cause
 * ({@link ClusterSnapshot#unjudged}), and merges the counts of several analyzers into the report's
 * {@code summary.notChecked}.
 */
final class NotCheckedTally {

    /** equals and hashCode written out: a record's go through method handles, slow without C2 (one per pod). */
    private record Key(String kind, String namespace, String why) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && kind.equals(k.kind) && Objects.equals(namespace, k.namespace) && why.equals(k.why);
        }

        @Override
        public int hashCode() {
            return (kind.hashCode() * 31 + Objects.hashCode(namespace)) * 31 + why.hashCode();
        }
    }

    /** Kind names by model class: {@link HasMetadata#getKind(Class)} reads an annotation on every call. */
    private static final ClassValue<String> KINDS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return HasMetadata.getKind(type);
        }
    };

    private final Map<Key, Integer> counts = new LinkedHashMap<>();

    /** Counts one reference to a {@code type} object in {@code namespace} when the snapshot cannot judge it. */
    void count(ClusterSnapshot snapshot, Class<? extends HasMetadata> type, String namespace) {
        String why = snapshot.unjudged(type, namespace);
        if (why != null) {
            add(KINDS.get(type), namespace, why, 1);
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
