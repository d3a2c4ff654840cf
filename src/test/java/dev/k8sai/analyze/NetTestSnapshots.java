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
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Loads the YAML fixtures under analyze/network/ into snapshots, as a live LIST of the analyzer's kinds would. */
final class NetTestSnapshots {

    /** Fixture clock: fixtures' timestamps are written relative to this instant. */
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private NetTestSnapshots() {
    }

    static List<HasMetadata> load(String fixture) {
        String resource = "analyze/network/" + fixture;
        try (InputStream in = NetTestSnapshots.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            Object parsed = SERIALIZATION.unmarshal(in);
            List<HasMetadata> objects = new ArrayList<>();
            if (parsed instanceof KubernetesList list) {
                objects.addAll(list.getItems());
            } else if (parsed instanceof Collection<?> many) {
                many.forEach(o -> objects.add((HasMetadata) o));
            } else {
                objects.add((HasMetadata) parsed);
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every kind the analyzer needs is marked collected (as a live LIST would), then the fixture is added. */
    static ClusterSnapshot snapshot(Analyzer analyzer, String fixture) {
        return snapshot(analyzer.needs(), load(fixture));
    }

    static ClusterSnapshot snapshot(Set<Class<? extends HasMetadata>> collected, List<HasMetadata> objects) {
        ClusterSnapshot.Builder builder = ClusterSnapshot.builder("test", NOW);
        collected.forEach(builder::collected);
        return builder.addAll(objects).build();
    }

    /** Snapshot in which {@code missing} was not collected (filtered, forbidden): its objects are dropped too. */
    static ClusterSnapshot snapshotWithout(Analyzer analyzer, String fixture, Class<? extends HasMetadata> missing) {
        Set<Class<? extends HasMetadata>> kinds = new java.util.HashSet<>(analyzer.needs());
        kinds.remove(missing);
        List<HasMetadata> objects = load(fixture).stream().filter(o -> !missing.isInstance(o)).toList();
        return snapshot(kinds, objects);
    }

    /** The findings about one object: "Kind/name" of a finding's object ref without namespace. */
    static List<Finding> about(List<Finding> findings, String name) {
        return findings.stream().filter(f -> f.name().equals(name)).toList();
    }
}
