package dev.k8sai.generate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;

/** Server-side apply of validated objects, field manager {@value ClusterGateway#FIELD_MANAGER}, conflicts not forced. */
public final class ManifestApplier {

    /** Outcome for one object: {@code error} null when applied. */
    public record Applied(String object, boolean created, String error) {

        public boolean ok() {
            return error == null;
        }
    }

    private final ManifestValidator validator;
    private final ClusterGateway cluster;

    public ManifestApplier(ManifestValidator validator, ClusterGateway cluster) {
        this.validator = validator;
        this.cluster = cluster;
    }

    /**
     * Applies every object in order (namespaces and CRDs first as the model wrote them), continuing after a
     * failure so the user sees all results, as kubectl apply does.
     */
    public List<Applied> apply(List<HasMetadata> objects) {
        List<Applied> out = new ArrayList<>();
        for (HasMetadata o : objects) {
            var generic = validator.toGeneric(o);
            String name = Manifests.describe(o);
            try {
                boolean existed = cluster.live(generic).isPresent();
                cluster.apply(generic);
                out.add(new Applied(name, !existed, null));
            } catch (KubernetesClientException e) {
                out.add(new Applied(name, false, ClusterGateway.oneLine(e)));
            } catch (dev.k8sai.AgentException e) {
                out.add(new Applied(name, false, e.getMessage()));
            }
        }
        return out;
    }
}
