package dev.k8sai.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sai.cluster.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The service analyzer's label index must select exactly the pods a scan of the namespace would, in the same order. */
class PodsByLabelTest {

    private static final List<String> NAMESPACES = List.of("a", "b", "c");
    private static final List<String> KEYS = List.of("app", "tier", "team", "app.kubernetes.io/name");
    private static final List<String> VALUES = List.of("web", "api", "db", "x", "");

    @Test
    void indexSelectsWhatAScanSelects() {
        Random random = new Random(17);
        List<HasMetadata> pods = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            Map<String, String> labels = randomLabels(random, 0);
            pods.add(new PodBuilder().withNewMetadata().withName("p" + i).withNamespace(NAMESPACES.get(random.nextInt(3)))
                    .withLabels(labels.isEmpty() && random.nextBoolean() ? null : labels).endMetadata().build());
        }
        ClusterSnapshot.Builder builder = ClusterSnapshot.builder("test", NetTestSnapshots.NOW);
        builder.collected(Pod.class);
        ClusterSnapshot snapshot = builder.addAll(pods).build();
        ServiceAnalyzer.PodsByLabel index = new ServiceAnalyzer.PodsByLabel(snapshot);

        int nonEmpty = 0;
        for (int i = 0; i < 400; i++) {
            String namespace = i % 10 == 0 ? "absent" : NAMESPACES.get(random.nextInt(3));
            Map<String, String> selector = randomLabels(random, 1);
            List<Pod> scan = snapshot.list(Pod.class, namespace).stream()
                    .filter(p -> LabelSelectors.matches(selector, p.getMetadata().getLabels())).toList();
            assertThat(index.matching(namespace, selector)).as("%s in %s", selector, namespace).containsExactlyElementsOf(scan);
            nonEmpty += scan.isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).as("selectors that match something").isGreaterThan(50);
    }

    /** Between {@code min} and 3 labels with a few keys and values, so selectors overlap pods often. */
    private static Map<String, String> randomLabels(Random random, int min) {
        Map<String, String> labels = new LinkedHashMap<>();
        int n = min + random.nextInt(4 - min);
        while (labels.size() < n) {
            labels.put(KEYS.get(random.nextInt(KEYS.size())), VALUES.get(random.nextInt(VALUES.size())));
        }
        return labels;
    }

    @Test
    void describingOneLabelIsAsDescribingMany() {
        assertThat(LabelSelectors.describe(Map.of("app", "web"))).isEqualTo("app=web");
        Map<String, String> two = new LinkedHashMap<>();
        two.put("tier", "front");
        two.put("app", "web");
        assertThat(LabelSelectors.describe(two)).isEqualTo("app=web,tier=front");
        assertThat(LabelSelectors.describe(Map.of())).isEqualTo("{}");
    }
}
