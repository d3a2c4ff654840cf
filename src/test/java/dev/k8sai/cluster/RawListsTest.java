package dev.k8sai.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawListsTest {

    @Test
    void collectionPathsFollowTheApiLayout() {
        assertThat(RawLists.path("v1", "pods", "team a")).isEqualTo("/api/v1/namespaces/team+a/pods");
        assertThat(RawLists.path("apps/v1", "deployments", null)).isEqualTo("/apis/apps/v1/deployments");
        assertThat(RawLists.path("example.com/v1alpha1", "widgets", "ns")).isEqualTo("/apis/example.com/v1alpha1/namespaces/ns/widgets");
    }

    @Test
    void pageBindsItemsWithoutKindAndKeepsTheContinueToken() throws Exception {
        RawLists.Page<Pod> page = RawLists.parsePage(json("""
                {"kind": "PodList", "apiVersion": "v1",
                 "metadata": {"resourceVersion": "7", "continue": "abc", "remainingItemCount": 3},
                 "items": [
                   {"metadata": {"name": "a", "namespace": "n", "managedFields": [{"manager": "m", "fieldsV1": {"f:x": {}}}]},
                    "spec": {"containers": [{"name": "c", "resources": {"requests": {"cpu": "10m"}}}]},
                    "status": {"phase": "Pending"}},
                   {"metadata": {"name": "b", "namespace": "n"}, "unknownField": {"deep": [1, 2]}}]}
                """), Pod.class);
        assertThat(page.continueToken()).isEqualTo("abc");
        assertThat(page.items()).extracting(p -> p.getMetadata().getName()).containsExactly("a", "b");
        Pod a = page.items().getFirst();
        // LIST items carry no kind/apiVersion: the model's defaults fill them, as the snapshot keys need
        assertThat(a.getKind()).isEqualTo("Pod");
        assertThat(a.getApiVersion()).isEqualTo("v1");
        assertThat(a.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(a.getSpec().getContainers().getFirst().getResources().getRequests()).containsEntry("cpu", new Quantity("10m"));
        assertThat(a.getMetadata().getManagedFields()).isEmpty();
    }

    @Test
    void lastAndEmptyPagesHaveNoToken() throws Exception {
        RawLists.Page<Pod> last = RawLists.parsePage(json("{\"metadata\": {\"continue\": \"\"}, \"items\": []}"), Pod.class);
        assertThat(last.items()).isEmpty();
        assertThat(last.continueToken()).isNull();
        assertThat(RawLists.parsePage(json("{\"items\": null, \"metadata\": {}}"), Pod.class).continueToken()).isNull();
    }

    private static ByteArrayInputStream json(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
