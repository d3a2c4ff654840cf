package dev.k8sai.analyze;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds snapshots for the workload analyzer tests from YAML fixtures under analyze/workloads/. */
final class WorkloadTestSnapshots {

    /** The snapshot clock every fixture's timestamps are written against. */
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private WorkloadTestSnapshots() {
    }

    /** All objects of the fixture whose kind is in {@code collected}; those kinds count as collected. */
    static ClusterSnapshot load(String fixture, Set<Class<? extends HasMetadata>> collected) {
        ClusterSnapshot.Builder builder = ClusterSnapshot.builder(fixture, NOW);
        collected.forEach(builder::collected);
        for (HasMetadata o : objects(fixture)) {
            if (collected.contains(o.getClass())) {
                builder.add(o);
            }
        }
        return builder.build();
    }

    static List<HasMetadata> objects(String fixture) {
        String resource = "analyze/workloads/" + fixture;
        try (InputStream in = WorkloadTestSnapshots.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            Object parsed = new KubernetesSerialization().unmarshal(in);
            List<HasMetadata> result = new ArrayList<>();
            if (parsed instanceof KubernetesList list) {
                result.addAll(list.getItems());
            } else if (parsed instanceof List<?> list) {
                list.forEach(o -> result.add((HasMetadata) o));
            } else {
                result.add((HasMetadata) parsed);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Object name → sorted reasons found for it (objects without findings are absent). */
    static Map<String, Set<String>> reasonsByName(List<Finding> findings) {
        Map<String, Set<String>> result = new TreeMap<>();
        for (Finding f : findings) {
            result.computeIfAbsent(f.name(), k -> new TreeSet<>()).add(f.reason());
        }
        return result;
    }

    static Finding only(List<Finding> findings, String name, String reason) {
        List<Finding> matching = findings.stream()
                .filter(f -> f.name().equals(name) && f.reason().equals(reason)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + reason + " finding for " + name + " but got " + matching
                    + "\nall findings: " + findings);
        }
        return matching.get(0);
    }
}
