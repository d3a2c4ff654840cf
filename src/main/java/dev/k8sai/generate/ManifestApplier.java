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
     * Applies every object, Namespaces and CustomResourceDefinitions first (what the others may live in or be
     * instances of), otherwise in the model's order; continues after a failure so the user sees all results,
     * as kubectl apply does.
     */
    public List<Applied> apply(List<HasMetadata> objects) {
        List<Applied> out = new ArrayList<>();
        List<HasMetadata> ordered = new ArrayList<>(objects);
        ordered.sort(java.util.Comparator.comparingInt(o -> switch (o.getKind()) {
            case "Namespace" -> 0;
            case "CustomResourceDefinition" -> 1;
            default -> 2;
        }));
        for (HasMetadata o : ordered) {
            var generic = validator.toGeneric(o);
            String name = dev.k8sai.report.ObjectRef.of(o).toString();
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
