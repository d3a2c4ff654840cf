package dev.k8sai.audit;

import dev.k8sai.cluster.ClusterSnapshot;
import dev.k8sai.report.Finding;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Loads the YAML fixtures under src/test/resources/audit into snapshots. */
final class AuditFixtures {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private AuditFixtures() {
    }

    @SuppressWarnings("unchecked")
    static List<HasMetadata> load(String resource) {
        try (InputStream in = AuditFixtures.class.getResourceAsStream("/audit/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            Object parsed = SERIALIZATION.unmarshal(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (parsed instanceof List<?> list) {
                return (List<HasMetadata>) list;
            }
            if (parsed instanceof KubernetesList list) {
                return list.getItems();
            }
            return List.of((HasMetadata) parsed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ClusterSnapshot snapshot(String... resources) {
        ClusterSnapshot.Builder b = ClusterSnapshot.builder("fixtures", NOW);
        for (String r : resources) {
            b.addAll(load(r));
        }
        return b.build();
    }

    /** reason → set of "Kind/name" it fired on. */
    static Map<String, Set<String>> firedOn(List<Finding> findings) {
        return findings.stream().collect(Collectors.groupingBy(Finding::reason, TreeMap::new,
                Collectors.mapping(f -> f.kind() + "/" + f.name(), Collectors.toCollection(TreeSet::new))));
    }
}
